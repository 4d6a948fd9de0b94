namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// A real city with its coordinates, its country, its standard-time UTC offset (daylight saving is ignored),
/// and plausible ASNs: residential ISPs, a mobile operator, the research network its institutions sit in.
/// </summary>
internal sealed record City(
    string Name,
    string Country,
    double Lat,
    double Lon,
    double UtcOffsetHours,
    int[] HomeAsns,
    int MobileAsn,
    int ResearchAsn)
{
    public int Index { get; init; }
}
