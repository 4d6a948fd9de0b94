using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity;

/// <summary>A verification to record for an account.</summary>
/// <param name="Method">
/// How it was checked: <c>stripe_identity</c>, <c>persona</c>, <c>institutional_email</c>, <c>reviewer_in_person</c>,
/// <c>reviewer_document</c>, or <c>operator</c> (the CLI's <c>users verify</c>).
/// </param>
/// <param name="Evidence">What the checker saw, or the vendor's reference; encrypted at rest (at most 2000 characters).</param>
/// <param name="VendorReference">The vendor's session or inquiry id, unique per method: a vendor's repeated result updates one record.</param>
/// <param name="ExpiresAt">When it lapses by itself (a document's expiry, the deployment's re-verification period); null for never.</param>
public sealed record NewVerification(
    VerificationKind Kind,
    string Method,
    VerificationOutcome Outcome,
    string Evidence,
    string? VendorReference = null,
    DateTimeOffset? ExpiresAt = null);
