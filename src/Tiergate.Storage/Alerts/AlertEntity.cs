namespace Tiergate.Storage.Alerts;

/// <summary>One alert a detector raised; its evidence and the reason for its status are encrypted at rest.</summary>
public sealed class AlertEntity
{
    public long Id { get; set; }

    /// <summary>The detector's stable name (<c>new_country</c>, <c>impossible_travel</c>, …).</summary>
    public required string Detector { get; set; }

    public long? UserId { get; set; }

    public string? KeyId { get; set; }

    public string? Tier { get; set; }

    /// <summary>An <see cref="AlertSeverity"/>.</summary>
    public int Severity { get; set; }

    /// <summary>An <see cref="AlertStatus"/>.</summary>
    public int Status { get; set; }

    /// <summary>JSON object: what was seen, the thresholds, the times. Never prompt text for privacy-restricted tiers.</summary>
    public string Evidence { get; set; } = "{}";

    /// <summary>The previous alert of the same detector for the same user, so repeats read as one story.</summary>
    public long? RelatedAlertId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last changed the status (an actor such as <c>cli:ops</c> or <c>user:7</c>), and why.</summary>
    public string? StatusBy { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>Raised in an <c>aggregate</c>-privacy tier: views name no user or key until someone with the <c>privacy</c> permission unmasks it.</summary>
    public bool Masked { get; set; }

    /// <summary>Who unmasked the alert, when and why (the reason is encrypted).</summary>
    public string? UnmaskedBy { get; set; }

    public DateTimeOffset? UnmaskedAt { get; set; }

    public string? UnmaskedReason { get; set; }
}
