using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors.State;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Detectors;

/// <summary>One event as the detectors see it: the event, where it came from, the tier, and the state it updates.</summary>
public sealed class DetectorInput
{
    public required UsageEvent Event { get; init; }

    /// <summary>Null when the address is unknown or no GeoIP database is loaded; place detectors then skip.</summary>
    public Place? Place { get; init; }

    public required TierConfig Tier { get; init; }

    public required long UserId { get; init; }

    public required UserState User { get; init; }

    public required TierActivity Activity { get; init; }

    /// <summary>Null when the event has no key.</summary>
    public KeyState? Key { get; init; }

    /// <summary>True for requests (admitted, or denied after the key was known): what rate and place detectors count.</summary>
    public bool IsRequest => Event.Kind is UsageEventKinds.Admitted or UsageEventKinds.Denied;

    public double Threshold(string detector, string parameter) => Tier.Monitoring.Threshold(detector, parameter);
}
