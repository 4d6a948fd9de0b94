namespace Tiergate.Monitoring.Detectors;

/// <summary>One monitoring rule: reads an event with its state, updates the state, and adds what it detects.</summary>
public interface IDetector
{
    /// <summary>The stable name (<see cref="Core.Monitoring.DetectorCatalogue"/>).</summary>
    string Name { get; }

    void Observe(DetectorInput input, List<Detection> into);
}
