namespace Tiergate.Monitoring.Detectors.State;

/// <summary>A sketch as stored: only for tiers whose privacy is <c>full</c>; other tiers' sketches never leave memory.</summary>
public sealed class SavedSketch
{
    public required ulong[] Values { get; set; }

    public DateTimeOffset At { get; set; }

    public int Variations { get; set; }
}
