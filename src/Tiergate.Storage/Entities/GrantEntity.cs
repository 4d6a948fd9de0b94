namespace Tiergate.Storage.Entities;

public sealed class GrantEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public required string Tier { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Who granted it: an admin, the CLI, or <c>auto</c> for tiers given to every user.</summary>
    public required string GrantedBy { get; set; }

    /// <summary>When the holder was told the grant expires soon; null until then (so each grant is reminded once).</summary>
    public DateTimeOffset? ReminderSentAt { get; set; }
}
