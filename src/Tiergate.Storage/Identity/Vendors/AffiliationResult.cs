using Tiergate.Core.Errors;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>What confirming an affiliation from the sign-in address did: the record, or why there is none.</summary>
/// <param name="Refusal"><see cref="VendorErrors.EmailNotVerified"/> or <see cref="VendorErrors.AffiliationDomainNotListed"/>.</param>
public sealed record AffiliationResult(VerificationView? Recorded, ErrorCode? Refusal, string? Domain);
