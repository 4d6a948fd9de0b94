namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>Size and shape of a simulation run; every default is documented in bench/monitoring/README.md.</summary>
internal sealed record SimulationOptions
{
    public int Users { get; init; } = 1000;

    public int Days { get; init; } = 30;

    public int Seed { get; init; } = 15;

    /// <summary>Midnight UTC of the first day (a Monday).</summary>
    public DateTime Start { get; init; } = new(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Scenarios planted per detector (split between sub-kinds where a detector has two).</summary>
    public int ScenariosPerDetector { get; init; } = 12;

    /// <summary>The first days stand in for the history a deployed gateway would already have: no scenario starts in them, the scorer does not count false alerts in them.</summary>
    public int WarmupDays { get; init; } = 3;

    /// <summary>Mean trips by plane per user per 30 days.</summary>
    public double TripsPerMonth { get; init; } = 0.3;

    /// <summary>Share of trips abroad; the rest fly to another city of the home country where there is one (or stay within GeoIP's view of home).</summary>
    public double ForeignShare { get; init; } = 0.15;
}
