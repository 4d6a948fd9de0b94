namespace Tiergate.Core.Identity;

/// <summary>One recorded verification, as the level derivation needs it.</summary>
public sealed record VerificationFacts(VerificationKind Kind, VerificationOutcome Outcome, DateTimeOffset At, DateTimeOffset? ExpiresAt, DateTimeOffset? WithdrawnAt)
{
    /// <summary>Counts at <paramref name="now"/>: verified, not withdrawn, not expired (and not recorded in the future).</summary>
    public bool IsValidAt(DateTimeOffset now) =>
        Outcome == VerificationOutcome.Verified && WithdrawnAt is null && At <= now && (ExpiresAt is not { } expires || now < expires);
}
