namespace Tiergate.Core.Policy;

/// <summary>An access level: which variants, under which policy, for whom, and how it is watched.</summary>
/// <param name="GrantDays">How long a grant lasts; null for grants that do not expire.</param>
/// <param name="AutoGrant">Granted to every user when the user is created.</param>
/// <param name="Safeguards">How prompts and answers are screened per hazard category.</param>
public sealed record TierConfig(
    string Name,
    string? Description,
    IReadOnlyList<string> Variants,
    string Policy,
    IdentityLevel Identity,
    SecurityPractices Security,
    int? GrantDays,
    bool AutoGrant,
    TierLimits Limits,
    MonitoringConfig Monitoring,
    SafeguardProfile Safeguards)
{
    /// <summary>How applications for this tier are reviewed (<c>review: { approvals: N }</c>).</summary>
    public ReviewSettings Review { get; init; } = ReviewSettings.Default;

    /// <summary>The identity verification must be newer than this many days (<c>identity_max_age_days</c>); null for any age.</summary>
    public int? IdentityMaxAgeDays { get; init; }

    /// <summary>How long the tier's monitoring data is kept (<c>retention</c>); unset, the default for its privacy mode.</summary>
    public TierRetention Retention
    {
        get => _retention ?? TierRetention.DefaultFor(Monitoring.Privacy);
        init => _retention = value;
    }

    /// <summary>When the admission audit record must be durable (<c>audit: { order }</c>): before the response (the default) or before the upstream call.</summary>
    public AuditOrder AuditOrder { get; init; } = AuditOrder.BeforeResponse;

    private readonly TierRetention? _retention;
}
