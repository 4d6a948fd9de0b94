namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>Draws the user population: tier, home city, networks, habits, volume and trips (see README "Population model").</summary>
internal static class Population
{
    private static readonly string[] Agents =
    [
        "OpenAI/Python 1.54.3", "OpenAI/Python 1.51.0", "OpenAI/Python 1.47.1", "OpenAI/JS 4.67.3", "python-requests/2.32.3",
        "LangChain/0.3.7 OpenAI/Python 1.52.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "python-httpx/0.27.2", "Cursor/0.42.3", "curl/8.5.0",
    ];

    private static readonly double[] AgentWeights = [20, 12, 6, 10, 8, 6, 8, 10, 5, 4, 1];

    /// <summary>Relative number of users per city (World.Cities order).</summary>
    private static readonly double[] CityWeights =
    [6, 2, 5, 1.5, 4, 2.5, 1.5, 3, 2, 2, 2, 2, 1.5, 1.5, 6, 4, 2.5, 1.5, 5, 3, 3, 1.5, 1.5, 2, 4, 3, 3, 4, 2, 1, 1, 3, 2];

    /// <summary>Where VPN users' exits are when not in their own country.</summary>
    private static readonly string[] VpnHubs = ["Amsterdam", "Zurich", "Stockholm", "Frankfurt", "London", "New York", "Singapore"];

    public static List<User> Draw(SimulationOptions options)
    {
        var r = new Random(options.Seed);
        var users = new List<User>(options.Users);
        for (var id = 1; id <= options.Users; id++)
        {
            users.Add(DrawOne(id, r, options));
        }

        return users;
    }

    private static User DrawOne(int id, Random r, SimulationOptions options)
    {
        var roll = r.NextDouble();
        var tier = roll < 0.7 ? Tiers.General : roll < 0.85 ? Tiers.SafetyResearch : Tiers.MedicalResearch;
        var home = World.Cities[Weighted(r, CityWeights)];
        var research = tier != Tiers.General;
        Endpoint? office = null;
        var officeDays = 0;
        if (r.NextDouble() < (research ? 0.7 : 0.45))
        {
            // A handful of organisations per city, each behind one NAT address that all its staff share.
            var org = r.Next(research ? 3 : 5);
            var asn = research ? home.ResearchAsn : home.HomeAsns[org % home.HomeAsns.Length];
            office = Endpoint.Of(home, asn, 1000 + org, "office");
            officeDays = r.Next(2, 6);
        }

        Endpoint? vpn = null;
        if (r.NextDouble() < 0.15)
        {
            var inCountry = World.Cities.Where(c => c.Country == home.Country).ToArray();
            var exitCity = r.NextDouble() < 0.6 ? inCountry[r.Next(inCountry.Length)] : World.City(VpnHubs[r.Next(VpnHubs.Length)]);
            var provider = World.Hosting[r.Next(4)];
            vpn = Endpoint.Of(exitCity, provider.Asn, 1, "vpn");
        }

        (City, int)? cloud = null;
        var batchRate = tier switch { Tiers.General => 0.04, Tiers.SafetyResearch => 0.25, _ => 0.1 };
        if (r.NextDouble() < batchRate)
        {
            // The cloud region nearest home among a few the provider has.
            var regions = World.CloudRegions.OrderBy(c => World.DistanceKm(home, World.City(c.City))).Take(2).ToArray();
            var region = regions[r.Next(regions.Length)];
            cloud = (World.City(region.City), region.Asn);
        }

        var median = tier switch { Tiers.General => 4.0, Tiers.SafetyResearch => 18.0, _ => 10.0 };
        var user = new User
        {
            Id = id,
            Tier = tier,
            Home = home,
            HomeAsn = home.HomeAsns[r.Next(home.HomeAsns.Length)],
            HomeLeaseDays = r.Next(5, 60),
            Office = office,
            OfficeDays = officeDays,
            MobileShare = r.NextDouble() < 0.5 ? r.NextDouble() * 0.25 : 0.02,
            Vpn = vpn,
            VpnDayRate = vpn is null ? 0 : 0.1 + (r.NextDouble() * 0.4),
            Cloud = cloud,
            BatchesPerWeek = cloud is null ? 0 : 0.5 + (r.NextDouble() * 2.5),
            DailyMedian = Math.Min(300, median * Math.Exp(Normal(r) * 0.9)),
            WeekdayActive = 0.5 + (r.NextDouble() * 0.45),
            WeekendActive = r.NextDouble() < 0.2 ? 0.1 + (r.NextDouble() * 0.3) : 0.03,
            DayStart = 7 + (r.NextDouble() * 3.5),
            UserAgent = Agents[Weighted(r, AgentWeights)],
            Script = ScriptFor(home, r),
            MaxTokens = r.NextDouble() < 0.6 ? 0 : new[] { 256, 512, 1024, 2048 }[r.Next(4)],
        };
        DrawTrips(user, r, options);
        return user;
    }

    private static void DrawTrips(User user, Random r, SimulationOptions options)
    {
        var trips = Poisson(r, options.TripsPerMonth * options.Days / 30.0);
        var domestic = World.Cities.Where(c => c.Country == user.Home.Country && World.DistanceKm(c, user.Home) > 250).ToArray();
        var free = options.WarmupDays; // trips start after the warm-up days, and never overlap
        for (var i = 0; i < trips && free < options.Days - 2; i++)
        {
            var depart = r.Next(free, Math.Min(options.Days - 1, free + 20));
            var back = depart + r.Next(2, 9);
            City destination;
            if (r.NextDouble() < options.ForeignShare)
            {
                var abroad = World.Cities.Where(c => c.Country != user.Home.Country).ToArray();
                destination = abroad[r.Next(abroad.Length)];
            }
            else if (domestic.Length > 0)
            {
                destination = domestic[r.Next(domestic.Length)];
            }
            else
            {
                continue; // a trip within a country of one simulated city: no flight, no change of place
            }

            user.Trips.Add(new Trip(depart, back, destination, 8 + (r.NextDouble() * 10), r.NextDouble() < 0.15));
            free = back + 2;
        }
    }

    private static byte ScriptFor(City home, Random r) => home.Country switch
    {
        "JP" when r.NextDouble() < 0.5 => 1,
        "KR" when r.NextDouble() < 0.5 => 2,
        "IL" when r.NextDouble() < 0.4 => 3,
        "IN" when r.NextDouble() < 0.15 => 4,
        "SG" when r.NextDouble() < 0.25 => 5,
        _ when r.NextDouble() < 0.03 => (byte)new[] { 5, 6, 7 }[r.Next(3)],
        _ => 0,
    };

    public static int Weighted(Random r, double[] weights)
    {
        var x = r.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    public static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    public static int Poisson(Random r, double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= r.NextDouble();
        }
        while (p > l);
        return k - 1;
    }
}
