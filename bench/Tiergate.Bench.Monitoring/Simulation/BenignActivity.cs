namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// A user's ordinary use, day by day: working-hours sessions of sequential requests (think time between them),
/// from home, the office NAT, mobile data, the VPN exit or, when travelling, the hotel or a partner institution;
/// batch jobs from the user's cloud region; rare, isolated safeguard hits. See README "Population model".
/// </summary>
internal static class BenignActivity
{
    public static void Generate(User user, SimulationOptions options)
    {
        var r = new Random(unchecked((options.Seed * 1_000_003) + user.Id));
        // Regular places (VPN exit, cloud region) show up within the warm-up days, as they would in the history a deployment has.
        var forcedDay = user.Id % Math.Max(1, options.WarmupDays);
        for (var day = 0; day < options.Days; day++)
        {
            var forced = day == forcedDay;
            Day(user, options, r, day, forced);
            if (user.Cloud is not null && (forced || (IsWeekday(options, day) && r.NextDouble() < user.BatchesPerWeek / 5.0)))
            {
                BatchJob(user, options, r, day);
            }
        }
    }

    private static bool IsWeekday(SimulationOptions options, int day) =>
        options.Start.AddDays(day).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static void Day(User user, SimulationOptions options, Random r, int day, bool forced)
    {
        var weekday = IsWeekday(options, day);
        var midday = options.Start.AddDays(day).AddHours(12 - user.Home.UtcOffsetHours).Ticks;
        var (_, trip) = Whereabouts.At(user, options.Start, midday);
        var active = forced || r.NextDouble() < (trip is not null ? 0.6 : weekday ? user.WeekdayActive : user.WeekendActive);
        if (!active)
        {
            return;
        }

        var count = Math.Max(1, (int)Math.Round(user.DailyMedian * Math.Exp(Population.Normal(r) * 0.5) * (weekday ? 1 : 0.4)));
        var sessions = Math.Min(4, 1 + r.Next(1 + (count / 12)));
        var vpnSession = user.Vpn is not null && (forced || r.NextDouble() < user.VpnDayRate) ? r.Next(sessions) : -1;
        var atOffice = user.Office is not null && weekday && r.NextDouble() < user.OfficeDays / 5.0;
        for (var s = 0; s < sessions; s++)
        {
            var n = s == sessions - 1 ? count - (count / sessions * s) : count / sessions;
            var evening = r.NextDouble() < 0.08;
            var localHour = evening ? 19.5 + (r.NextDouble() * 3) : user.DayStart + (r.NextDouble() * 8.5);
            var offset = trip?.Destination.UtcOffsetHours ?? user.Home.UtcOffsetHours;
            var at = options.Start.AddDays(day).AddHours(localHour - offset).Ticks;
            var (city, away) = Whereabouts.At(user, options.Start, at);
            if (city is null)
            {
                continue; // at the airport or in the air
            }

            var from = Place(user, r, day, city, away, s == vpnSession, atOffice && !evening && localHour < 18.5);
            Session(user, r, at, from, n);
        }
    }

    private static Endpoint Place(User user, Random r, int day, City city, Trip? trip, bool vpn, bool office)
    {
        if (trip is not null)
        {
            if (trip.Roaming && r.NextDouble() < 0.5)
            {
                return Endpoint.Of(user.Home, user.Home.MobileAsn, r.Next(65536), "roaming");
            }

            if (user.Tier != Tiers.General && r.NextDouble() < 0.25)
            {
                return Endpoint.Of(city, city.ResearchAsn, 1000 + (user.Id % 3), "partner-office");
            }

            // Hotel or conference Wi-Fi: one address for the stay.
            return Endpoint.Of(city, city.HomeAsns[user.Id % city.HomeAsns.Length], 5000 + (user.Id * 7) + trip.DepartDay, "hotel");
        }

        if (vpn && user.Vpn is { } exit)
        {
            return Endpoint.Of(exit.City, exit.Asn, r.Next(1, 7), "vpn");
        }

        if (r.NextDouble() < user.MobileShare)
        {
            return Endpoint.Of(user.Home, user.Home.MobileAsn, r.Next(65536), "mobile");
        }

        return office && user.Office is { } nat ? nat : user.HomeOn(day);
    }

    private static void Session(User user, Random r, long at, Endpoint from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var request = OneRequest(user, r, at, from);
            user.Requests.Add(request);
            at += RequestFactory.Ticks((request.LatencyMs / 1000.0) + 4 + (-Math.Log(1 - r.NextDouble()) * 80));
            if (request.Screening == Screening.InputBlock && r.NextDouble() < 0.3)
            {
                // Benign users sometimes reword a blocked prompt once; it may be blocked again.
                var again = r.NextDouble() < 0.4;
                var retry = RequestFactory.Make(user, at, from, r, new PromptSpec(PromptKind.Rephrase, request.Prompt.Seed, request.Category, r.Next(9)),
                    again ? Screening.InputBlock : Screening.Clean, request.Category);
                user.Requests.Add(retry);
                at += RequestFactory.Ticks((retry.LatencyMs / 1000.0) + 20 + (r.NextDouble() * 60));
            }
        }
    }

    private static Request OneRequest(User user, Random r, long at, Endpoint from)
    {
        var x = r.NextDouble();
        switch (user.Tier)
        {
            case Tiers.General when x < 0.0015:
                return RequestFactory.Hazard(user, at, from, r, Population.Weighted(r, [25, 20, 5, 50]), r.Next());
            case Tiers.General when x < 0.002:
                return RequestFactory.Make(user, at, from, r, RequestFactory.Natural(user, r), Screening.OutputBlock, Population.Weighted(r, [25, 20, 5, 50]));
            case Tiers.SafetyResearch when x < 0.015:
                return RequestFactory.Hazard(user, at, from, r, r.Next(4), r.Next());
            case Tiers.SafetyResearch when x < 0.025:
                return RequestFactory.Make(user, at, from, r, RequestFactory.Natural(user, r), Screening.OutputFlag, r.Next(4));
            case Tiers.MedicalResearch when x < 0.03:
                return RequestFactory.Hazard(user, at, from, r, 0, r.Next());
            case Tiers.MedicalResearch when x < 0.05:
                return RequestFactory.Make(user, at, from, r, RequestFactory.Natural(user, r), Screening.OutputFlag, 0);
            case Tiers.MedicalResearch when x < 0.051:
                return RequestFactory.Hazard(user, at, from, r, Population.Weighted(r, [0, 40, 20, 40]), r.Next());
            default:
                return RequestFactory.Make(user, at, from, r, RequestFactory.Natural(user, r));
        }
    }

    private static void BatchJob(User user, SimulationOptions options, Random r, int day)
    {
        var (city, asn) = user.Cloud!.Value;
        var from = Endpoint.Of(city, asn, r.Next(65536), "cloud");
        var count = (int)Math.Clamp(220 * Math.Exp(Population.Normal(r) * 0.5), 60, 800);
        var workers = r.Next(1, 5);
        var template = r.Next(8);
        var jobSeed = r.Next();
        var start = options.Start.AddDays(day).AddHours(9 + (r.NextDouble() * 13) - user.Home.UtcOffsetHours).Ticks;
        var next = new long[workers];
        Array.Fill(next, start);
        for (var i = 0; i < count; i++)
        {
            var w = i % workers;
            var request = RequestFactory.Make(user, next[w] + RequestFactory.Ticks(r.NextDouble() * 0.2), from, r,
                new PromptSpec(PromptKind.Batch, unchecked(jobSeed + i), template), key: user.BatchKey, agent: RequestFactory.BatchAgent, completionMedian: 120);
            user.Requests.Add(request);
            next[w] = request.At + RequestFactory.Ticks((request.LatencyMs / 1000.0) + 0.005 + (r.NextDouble() * 0.3));
        }
    }
}
