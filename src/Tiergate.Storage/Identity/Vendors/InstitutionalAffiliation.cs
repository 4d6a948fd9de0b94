using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Identity;
using Tiergate.Storage.Accounts.Credentials;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>
/// An affiliation confirmed by a verified sign-in address at a listed research organisation's domain
/// (<c>identity.affiliation_domains</c>, subdomains included). It is only ever an <see cref="VerificationKind.Affiliation"/>
/// record: an institutional address never makes anyone's identity <c>verified</c>. Recording again for the same domain
/// records nothing new while a valid record for that domain exists, so it can be offered on every visit.
/// </summary>
public sealed class InstitutionalAffiliation(TiergateDatabase database, IIdentityVerifications verifications, IdentityVendorOptions options, TimeProvider time)
{
    public bool IsOffered => !options.AffiliationDomains.IsEmpty;

    /// <summary>The listed domain the address is at, or null (for showing the offer).</summary>
    public string? DomainOf(string? email) => options.AffiliationDomains.Match(email);

    public async Task<AffiliationResult> ConfirmFromEmailAsync(long userId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var row = await (from u in db.Users
                         join c in db.Set<ConsoleCredentialEntity>() on u.Id equals c.UserId into credentials
                         from c in credentials.DefaultIfEmpty()
                         where u.Id == userId && u.DisabledAt == null
                         select new { u.Email, Verified = c != null && c.EmailVerifiedAt != null }).FirstOrDefaultAsync(cancellationToken);
        if (row is null || !row.Verified)
        {
            return new AffiliationResult(null, VendorErrors.EmailNotVerified, null);
        }

        if (options.AffiliationDomains.Match(row.Email) is not { } domain)
        {
            return new AffiliationResult(null, VendorErrors.AffiliationDomainNotListed, null);
        }

        // One valid record per domain: confirming again (every visit to /identity, every confirmed link) records nothing new.
        var evidence = $"verified sign-in address at {domain} (listed in identity.affiliation_domains)";
        var current = (await verifications.ListAsync(userId, cancellationToken))
            .FirstOrDefault(v => v.Valid && v.Method == VendorNames.InstitutionalEmailMethod && v.Evidence == evidence);
        if (current is not null)
        {
            return new AffiliationResult(current, null, domain);
        }

        var recorded = await verifications.RecordAsync(userId, new NewVerification(
            VerificationKind.Affiliation,
            VendorNames.InstitutionalEmailMethod,
            Core.Identity.VerificationOutcome.Verified,
            evidence,
            null,
            time.GetUtcNow().AddDays(options.VerificationValidDays)), actor, cancellationToken);
        return new AffiliationResult(recorded, null, domain);
    }
}
