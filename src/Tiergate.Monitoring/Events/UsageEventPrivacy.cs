using Tiergate.Core.Policy;

namespace Tiergate.Monitoring.Events;

/// <summary>
/// What an event may carry under each privacy mode. <c>full</c>: everything, matched terms included.
/// <c>metadata-only</c>: no matched terms; the prompt sketch stays (it lives in memory only).
/// <c>aggregate</c>: neither terms nor sketch. No mode ever carries prompt or answer text.
/// </summary>
public static class UsageEventPrivacy
{
    public static bool AllowsSketch(PrivacyMode mode) => mode != PrivacyMode.Aggregate;

    public static UsageEvent Shape(UsageEvent usageEvent, PrivacyMode mode)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        return mode switch
        {
            PrivacyMode.Full => usageEvent with { Privacy = mode },
            PrivacyMode.MetadataOnly => usageEvent with { Privacy = mode, MatchedTerms = null },
            _ => usageEvent with { Privacy = PrivacyMode.Aggregate, MatchedTerms = null, Sketch = null },
        };
    }
}
