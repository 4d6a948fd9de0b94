namespace Tiergate.Storage.Identity.Links;

/// <summary>An account's ban: when, by whom, and why (the reason is encrypted at rest; it may name a person).</summary>
public sealed class UserBanEntity
{
    public long UserId { get; set; }

    public required string Reason { get; set; }

    public required string BannedBy { get; set; }

    public DateTimeOffset At { get; set; }
}
