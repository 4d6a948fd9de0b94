namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// A trip by plane: out on <paramref name="DepartDay"/>, back on <paramref name="ReturnDay"/>. Flights leave at
/// <paramref name="DepartHour"/> local time; nothing is sent from two hours before take-off to an hour after landing.
/// <paramref name="Roaming"/>: the traveller uses mobile data roaming, which GeoIP places at home (the home operator's gateway).
/// </summary>
internal sealed record Trip(int DepartDay, int ReturnDay, City Destination, double DepartHour, bool Roaming)
{
    /// <summary>Gate to gate at ~800 km/h plus taxi and climb.</summary>
    public static double FlightHours(City from, City to) => (World.DistanceKm(from, to) / 800.0) + 0.7;
}
