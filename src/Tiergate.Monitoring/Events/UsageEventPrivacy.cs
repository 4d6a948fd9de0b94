using Tiergate.Core.Policy;

namespace Tiergate.Monitoring.Events;

/// <summary>
/// What an event may carry under each privacy mode. <c>full</c>: everything, matched terms included.
/// <c>metadata-only</c>: no matched terms; the prompt sketch stays (it lives in memory only).
/// <c>aggregate</c>: neither terms nor sketch. No mode ever carries prompt or answer text.
/// </summary>
public static class UsageEventPrivacy
{
    public static bool AllowsSketch(PrivacyMode mode) => mode is PrivacyMode.Full or PrivacyMode.MetadataOnly;

    public static bool AllowsTerms(PrivacyMode mode) => mode == PrivacyMode.Full;

    /// <summary>The event with what <paramref name="mode"/> does not allow removed (for sinks that receive events from elsewhere).</summary>
    public static UsageEvent Shape(UsageEvent usageEvent, PrivacyMode mode)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        return usageEvent with
        {
            Privacy = mode,
            MatchedTerms = AllowsTerms(mode) ? usageEvent.MatchedTerms : null,
            Sketch = AllowsSketch(mode) ? usageEvent.Sketch : null,
        };
    }
}
