namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>One simulated user: who they are, where they work from, how much and when they use the gateway.</summary>
internal sealed class User
{
    public required int Id { get; init; }

    public required string Tier { get; init; }

    public required City Home { get; init; }

    public required int HomeAsn { get; init; }

    /// <summary>The home router's address is renewed every this many days (DHCP lease / ISP reassignment).</summary>
    public required int HomeLeaseDays { get; init; }

    public required Endpoint? Office { get; init; }

    /// <summary>Days a week at the office (0 when remote only).</summary>
    public int OfficeDays { get; init; }

    /// <summary>Share of sessions on mobile data (a fresh carrier-grade NAT address each time, same ASN).</summary>
    public double MobileShare { get; init; }

    /// <summary>VPN exit this user uses regularly (a hosting ASN, perhaps in another country), or null.</summary>
    public Endpoint? Vpn { get; init; }

    public double VpnDayRate { get; init; }

    /// <summary>Cloud region batch jobs run in (city and provider ASN; each job gets its own address), or null for no batch jobs.</summary>
    public (City City, int Asn)? Cloud { get; init; }

    public double BatchesPerWeek { get; init; }

    /// <summary>Median requests on an active day (log-normal across users).</summary>
    public required double DailyMedian { get; init; }

    public required double WeekdayActive { get; init; }

    public required double WeekendActive { get; init; }

    /// <summary>Local hour the working day usually starts.</summary>
    public required double DayStart { get; init; }

    public required string UserAgent { get; init; }

    public required byte Script { get; init; }

    /// <summary>max_tokens the client sends (0: none, the tier's maximum is reserved).</summary>
    public required int MaxTokens { get; init; }

    public List<Trip> Trips { get; } = [];

    public List<Request> Requests { get; } = [];

    /// <summary>Set when a scenario has been planted on this user (one scenario per user keeps the labels clean).</summary>
    public bool Planted { get; set; }

    public string Key => $"k{Id}";

    public string BatchKey => $"k{Id}b";

    public Endpoint HomeOn(int day) => Endpoint.Of(Home, HomeAsn, (Id * 37L) + (day / HomeLeaseDays), "home");

    /// <summary>Every country the user is seen in by design (home, VPN exit, cloud region, trips), for scenarios that need a new one.</summary>
    public HashSet<string> Countries()
    {
        var set = new HashSet<string> { Home.Country };
        if (Vpn is not null)
        {
            set.Add(Vpn.Country);
        }

        if (Cloud is { } cloud)
        {
            set.Add(cloud.City.Country);
        }

        foreach (var trip in Trips)
        {
            set.Add(trip.Destination.Country);
        }

        return set;
    }
}
