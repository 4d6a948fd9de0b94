namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>Facts about the simulated population, for the README and to check the model against its documentation.</summary>
internal sealed record Summary(
    Dictionary<string, int> UsersByTier,
    Dictionary<string, int> RequestsByTier,
    int OfficeUsers,
    int VpnUsers,
    int BatchUsers,
    int Trips,
    int ForeignTrips,
    int TripsToNewCountry,
    double NewCountryTripsPerThousandUserDays,
    double TravellingShare,
    int BlockedBenign,
    int FlaggedBenign)
{
    public static Summary Of(SimulationOptions options, Simulator.Result result)
    {
        var users = result.Users;
        var trips = users.SelectMany(u => u.Trips.Select(t => (u, t))).ToList();
        var foreign = trips.Where(x => x.t.Destination.Country != x.u.Home.Country).ToList();
        // New for the user: abroad, and not a country the user is seen in anyway (VPN exit, cloud region).
        var fresh = foreign.Count(x => x.t.Destination.Country != x.u.Vpn?.Country && x.t.Destination.Country != x.u.Cloud?.City.Country);
        var userDays = (double)users.Count * options.Days;
        var awayDays = trips.Sum(x => Math.Min(options.Days, x.t.ReturnDay) - x.t.DepartDay);
        var benign = result.Requests.Where(q => q.Scenario is null).ToList();
        return new Summary(
            users.GroupBy(u => u.Tier).ToDictionary(g => g.Key, g => g.Count()),
            result.Requests.GroupBy(q => q.User.Tier).ToDictionary(g => g.Key, g => g.Count()),
            users.Count(u => u.Office is not null),
            users.Count(u => u.Vpn is not null),
            users.Count(u => u.Cloud is not null),
            trips.Count,
            foreign.Count,
            fresh,
            Math.Round(fresh * 1000 / userDays, 2),
            Math.Round(awayDays / userDays, 3),
            benign.Count(q => q.Screening is Screening.InputBlock or Screening.OutputBlock),
            benign.Count(q => q.Screening is Screening.InputFlag or Screening.OutputFlag));
    }
}
