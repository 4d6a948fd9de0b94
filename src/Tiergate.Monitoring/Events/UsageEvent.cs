using Tiergate.Core.Policy;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Events;

/// <summary>
/// One thing that happened to one request, for monitoring: when, what (<see cref="UsageEventKinds"/>),
/// who (key, user), where (tier, variant), from where (client address, user agent) and the outcome's
/// facts. Never prompt or answer text; what else it carries is decided by the tier's privacy mode
/// (<see cref="UsageEventPrivacy"/>). Fields that do not apply to a kind are null.
/// </summary>
public sealed record UsageEvent(DateTimeOffset At, string Kind)
{
    public string? KeyId { get; init; }

    public long? UserId { get; init; }

    public string? Tier { get; init; }

    public string? Variant { get; init; }

    public string? ClientAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The privacy mode the event was shaped by (the tier's; <c>metadata-only</c> before a tier is known).</summary>
    public PrivacyMode Privacy { get; init; } = PrivacyMode.MetadataOnly;

    /// <summary>Denied: the error code's name (<c>rate_limited</c>). Completed: the outcome (<c>Completed</c>, <c>UpstreamFailed</c>, ...).</summary>
    public string? Code { get; init; }

    /// <summary>Safeguard events: <c>input</c> or <c>output</c>.</summary>
    public string? Direction { get; init; }

    public string? Category { get; init; }

    public double? Score { get; init; }

    /// <summary>Matched terms of a safeguard hit; only where the privacy mode is <c>full</c>.</summary>
    public IReadOnlyList<string>? MatchedTerms { get; init; }

    /// <summary>Admitted: the prompt's estimated tokens. Completed: the tokens the upstream reported for the prompt.</summary>
    public long? PromptTokens { get; init; }

    /// <summary>Admitted: the completion budget reserved. Completed: the tokens the upstream reported for the answer.</summary>
    public long? CompletionTokens { get; init; }

    /// <summary>Completed: from the request's arrival to its last byte.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>Admitted: a similarity sketch of the normalised prompt, in memory only, where the privacy mode allows one.</summary>
    public PromptSketch? Sketch { get; init; }
}
