namespace Tiergate.Storage.Identity;

/// <summary>One recorded verification as an admin or reviewer sees it.</summary>
/// <param name="Kind"><c>identity</c> or <c>affiliation</c>.</param>
/// <param name="Outcome"><c>verified</c>, <c>failed</c>, <c>pending</c> or <c>refused</c>.</param>
/// <param name="Valid">Whether it counts now: verified, not expired, not withdrawn.</param>
public sealed record VerificationView(
    long Id,
    long UserId,
    string Kind,
    string Method,
    string Outcome,
    string Evidence,
    string? VendorReference,
    string RecordedBy,
    DateTimeOffset At,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawnReason,
    bool Valid)
{
    /// <summary>The actor who withdrew it; null while it stands.</summary>
    public string? WithdrawnBy { get; init; }
}
