using Tiergate.Core.Policy;

namespace Tiergate.Core.Identity;

/// <summary>
/// An account's identity level as its verifications establish it, with the instants at which that changes by
/// itself. Stored on the user row (so the gateway's one-query caller lookup reads it), recomputed from the
/// records whenever one is added or withdrawn, and read through <see cref="LevelAt"/>, which lets expiries take
/// effect at the exact instant without any background job.
/// </summary>
/// <param name="VerifiedAt">When the newest valid identity verification was made; null when there is none.</param>
/// <param name="IdentityExpiresAt">When the last valid identity verification lapses (any one suffices); null for never.</param>
/// <param name="AffiliationExpiresAt">When the last valid affiliation lapses; null for never.</param>
public sealed record IdentityStanding(IdentityLevel Level, DateTimeOffset? VerifiedAt, DateTimeOffset? IdentityExpiresAt, DateTimeOffset? AffiliationExpiresAt)
{
    public static IdentityStanding EmailOnly { get; } = new(IdentityLevel.Email, null, null, null);

    /// <summary>The level at <paramref name="now"/>: <c>verified</c> needs a valid identity verification; <c>affiliated</c> needs that and a valid affiliation.</summary>
    public IdentityLevel LevelAt(DateTimeOffset now)
    {
        if (Level == IdentityLevel.Email || (IdentityExpiresAt is { } identity && now >= identity))
        {
            return IdentityLevel.Email;
        }

        return Level == IdentityLevel.Affiliated && AffiliationExpiresAt is { } affiliation && now >= affiliation
            ? IdentityLevel.Verified
            : Level;
    }

    /// <summary>The standing the records establish at <paramref name="now"/>.</summary>
    public static IdentityStanding Derive(IEnumerable<VerificationFacts> verifications, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verifications);
        var valid = verifications.Where(v => v.IsValidAt(now)).ToList();
        var identity = valid.Where(v => v.Kind == VerificationKind.Identity).ToList();
        if (identity.Count == 0)
        {
            return EmailOnly;
        }

        var affiliation = valid.Where(v => v.Kind == VerificationKind.Affiliation).ToList();
        var level = affiliation.Count > 0 ? IdentityLevel.Affiliated : IdentityLevel.Verified;
        return new IdentityStanding(level, identity.Max(v => v.At), LastExpiry(identity), affiliation.Count > 0 ? LastExpiry(affiliation) : null);
    }

    // Null (never) as soon as one of them never lapses.
    private static DateTimeOffset? LastExpiry(List<VerificationFacts> facts) =>
        facts.Any(v => v.ExpiresAt is null) ? null : facts.Max(v => v.ExpiresAt);
}
