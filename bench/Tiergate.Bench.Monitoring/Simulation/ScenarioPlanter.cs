using System.Globalization;

namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// Plants the misuse scenarios on otherwise benign users (one scenario per user) and labels every line it adds
/// with <c>detector:id</c>. Definitions and the numbers used are in README "Planted scenarios".
/// </summary>
internal sealed class ScenarioPlanter(List<User> users, SimulationOptions options)
{
    private static readonly string[] AttackerAgents = ["python-requests/2.31.0", "curl/8.4.0", "Go-http-client/2.0", "OpenAI/Python 1.12.0", "okhttp/4.12.0", "node-fetch/1.0"];

    private readonly Random _r = new(unchecked((options.Seed * 7919) + 1));
    private readonly List<Label> _labels = [];
    private readonly long _tickMinute = TimeSpan.TicksPerMinute;
    private static readonly string[] TierOrder = [Tiers.General, Tiers.SafetyResearch, Tiers.MedicalResearch];
    private int _round;

    public List<Label> PlantAll()
    {
        var n = options.ScenariosPerDetector;
        for (var i = 0; i < n; i++)
        {
            _round = i;
            Retry(() => NewCountry(Id(Detectors.NewCountry, i)));
            Retry(() => ImpossibleTravel(Id(Detectors.ImpossibleTravel, i)));
            Retry(() => RateSpike(Id(Detectors.RateSpike, i)));
            if (i % 2 == 0)
            {
                Retry(() => RegularIntervals(Id(Detectors.Automation, i)));
                Retry(() => BlockStreak(Id(Detectors.Circumvention, i)));
            }
            else
            {
                Retry(() => Sweep(Id(Detectors.Automation, i)));
                Retry(() => Rephrasings(Id(Detectors.Circumvention, i)));
            }

            Retry(() => KeySharing(Id(Detectors.KeySharing, i)));
            Retry(() => OutsidePurpose(Id(Detectors.OutsidePurpose, i)));
        }

        return _labels;
    }

    /// <summary>A scenario may find no fitting user or day on a first pick; try others.</summary>
    private static void Retry(Func<bool> plant)
    {
        for (var attempt = 0; attempt < 50 && !plant(); attempt++)
        {
        }
    }

    private static string Id(string detector, int i) => $"{detector}:{(i + 1).ToString("00", CultureInfo.InvariantCulture)}";

    private bool NewCountry(string id)
    {
        if (Pick(_ => true) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        var known = u.Countries();
        var cities = World.Cities.Where(c => !known.Contains(c.Country) && World.DistanceKm(c, u.Home) >= 2500).ToArray();
        var city = cities[_r.Next(cities.Length)];
        var asn = _r.NextDouble() < 0.5 ? World.Hosting[4 + _r.Next(5)].Asn : city.HomeAsns[_r.Next(city.HomeAsns.Length)];
        var from = Endpoint.Of(city, asn, _r.Next(65536), "attacker");
        var agent = Attacker(u);
        // Sooner after the owner's own use than any flight could make it: a stolen key, not a trip.
        var at = End(anchor) + (_r.Next(10, 80) * _tickMinute);
        var count = _r.Next(8, 31);
        var added = new List<Request>();
        for (var i = 0; i < count; i++)
        {
            var request = _r.NextDouble() < 0.1
                ? RequestFactory.Hazard(u, at, from, _r, _r.Next(4), _r.Next(), id, agent)
                : RequestFactory.Make(u, at, from, _r, new PromptSpec(PromptKind.Natural, _r.Next()), agent: agent, scenario: id);
            added.Add(request);
            at = End(request) + RequestFactory.Ticks(20 + (_r.NextDouble() * 240));
        }

        Add(u, id, Detectors.NewCountry, "stolen-key", added, $"from {city.Name} ({city.Country}, AS{asn}), {World.DistanceKm(u.Home, city):0} km from home in {u.Home.Name}");
        return true;
    }

    private bool ImpossibleTravel(string id)
    {
        if (Pick(_ => true) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        // Prefer a far city in a country the user is known in (so only the travel is wrong), else any far city.
        var known = u.Countries();
        var far = World.Cities.Where(c => World.DistanceKm(c, anchor.From.City) >= 1500).ToArray();
        var familiar = far.Where(c => known.Contains(c.Country)).ToArray();
        var pool = familiar.Length > 0 ? familiar : far;
        var city = pool[_r.Next(pool.Length)];
        var seen = u.Requests.Select(q => q.From.Asn).ToHashSet();
        var fresh = city.HomeAsns.Append(city.MobileAsn).Where(a => !seen.Contains(a)).ToArray();
        var asn = fresh.Length > 0 ? fresh[_r.Next(fresh.Length)] : World.Hosting[4 + _r.Next(5)].Asn;
        var from = Endpoint.Of(city, asn, _r.Next(65536), "attacker");
        var agent = _r.NextDouble() < 0.5 ? u.UserAgent : Attacker(u);
        var at = End(anchor) + (_r.Next(5, 50) * _tickMinute);
        var count = _r.Next(3, 13);
        var added = new List<Request>();
        for (var i = 0; i < count; i++)
        {
            var request = RequestFactory.Make(u, at, from, _r, RequestFactory.Natural(u, _r), agent: agent, scenario: id);
            added.Add(request);
            at = End(request) + RequestFactory.Ticks(30 + (_r.NextDouble() * 150));
        }

        var km = World.DistanceKm(anchor.From.City, city);
        Add(u, id, Detectors.ImpossibleTravel, "hijack", added, $"{anchor.From.City.Name} then {city.Name} (AS{asn}, new), {km:0} km apart, {(added[0].At - anchor.At) / (double)_tickMinute:0} min");
        return true;
    }

    private bool RateSpike(string id)
    {
        if (Pick(u => u.Cloud is null) is not { } u || Anchor(u, minDay: Math.Max(4, options.WarmupDays + 1)) is not { } anchor)
        {
            return false;
        }

        var day = Day(anchor.At);
        var history = Owned(u).Where(q => Day(q.At) < day).ToList();
        var activeHours = history.Select(q => q.At / TimeSpan.TicksPerHour).Distinct().Count();
        var activeDays = history.Select(q => Day(q.At)).Distinct().Count();
        if (activeDays < 3)
        {
            u.Planted = false;
            return false;
        }

        var baseline = history.Count / (double)Math.Max(1, activeHours);
        var perHour = Math.Clamp(25 * baseline, 150, 1500);
        var hours = 1 + (_r.NextDouble() * 2);
        var at = anchor.At;
        var end = at + (long)(hours * TimeSpan.TicksPerHour);
        var added = new List<Request>();
        while (at < end)
        {
            // A Poisson stream at perHour: irregular gaps, so not an automation pattern; varied prompts, so not a sweep.
            var request = RequestFactory.Make(u, at, anchor.From, _r, RequestFactory.Natural(u, _r), scenario: id, completionMedian: 150);
            added.Add(request);
            at += RequestFactory.Ticks(-Math.Log(1 - _r.NextDouble()) * 3600 / perHour);
        }

        Add(u, id, Detectors.RateSpike, "burst", added, $"{perHour:0}/h for {hours:0.0} h against a baseline of {baseline:0.0}/active hour over {activeDays} days");
        return true;
    }

    private bool RegularIntervals(string id)
    {
        if (Pick(_ => true) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        int[] intervals = [5, 10, 15, 20, 30, 60];
        var every = intervals[_r.Next(intervals.Length)];
        var minutes = Math.Max(30, _r.Next(30, 91));
        var count = Math.Max(30, minutes * 60 / every);
        var agent = _r.NextDouble() < 0.5 ? "python-requests/2.32.3" : u.UserAgent;
        var start = End(anchor) + (_r.Next(1, 30) * _tickMinute);
        var added = new List<Request>();
        for (var i = 0; i < count; i++)
        {
            // A timer: exact period, a few milliseconds of scheduling jitter.
            var at = start + (i * every * TimeSpan.TicksPerSecond) + (_r.Next(0, 15) * TimeSpan.TicksPerMillisecond);
            added.Add(RequestFactory.Make(u, at, anchor.From, _r, RequestFactory.Natural(u, _r), agent: agent, scenario: id, completionMedian: 120));
        }

        Add(u, id, Detectors.Automation, "regular", added, $"every {every} s for {count * every / 60} min ({count} requests)");
        return true;
    }

    private bool Sweep(string id)
    {
        if (Pick(_ => true) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        var count = _r.Next(30, 81);
        var gap = Math.Min(570.0 / count, 4 + (_r.NextDouble() * 5));
        var template = _r.Next(5);
        var seed = _r.Next();
        var at = End(anchor) + (_r.Next(1, 30) * _tickMinute);
        var added = new List<Request>();
        for (var i = 0; i < count; i++)
        {
            added.Add(RequestFactory.Make(u, at, anchor.From, _r, new PromptSpec(PromptKind.Sweep, seed, template, i), scenario: id, completionMedian: 150));
            at += RequestFactory.Ticks(gap * (0.6 + (_r.NextDouble() * 0.8)));
        }

        Add(u, id, Detectors.Automation, "sweep", added, $"{count} near-identical prompts (template {template}) in {(added[^1].At - added[0].At) / (double)_tickMinute:0.0} min");
        return true;
    }

    private bool BlockStreak(string id)
    {
        if (Pick(u => u.Tier != Tiers.SafetyResearch) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        var category = u.Tier == Tiers.General ? _r.Next(4) : 2 + _r.Next(2); // medical-research: radnuc or cyber, which it blocks
        var count = _r.Next(6, 11);
        var at = End(anchor) + (_r.Next(1, 20) * _tickMinute);
        var added = new List<Request>();
        for (var i = 0; i < count; i++)
        {
            var request = RequestFactory.Hazard(u, at, anchor.From, _r, category, _r.Next(), id);
            added.Add(request);
            at = End(request) + RequestFactory.Ticks(20 + (_r.NextDouble() * Math.Min(80, (800.0 / count) - 20)));
        }

        Add(u, id, Detectors.Circumvention, "streak", added, $"{count} blocked {Request.Categories[category]} prompts in {(added[^1].At - added[0].At) / (double)_tickMinute:0.0} min");
        return true;
    }

    private bool Rephrasings(string id)
    {
        if (Pick(u => u.Tier != Tiers.SafetyResearch) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        var category = u.Tier == Tiers.General ? _r.Next(4) : 2 + _r.Next(2);
        var seed = _r.Next();
        var count = _r.Next(5, 10);
        var stillBlocked = (int)Math.Ceiling(count * 0.6);
        var at = End(anchor) + (_r.Next(1, 20) * _tickMinute);
        var first = RequestFactory.Hazard(u, at, anchor.From, _r, category, seed, id);
        var added = new List<Request> { first };
        at = End(first) + RequestFactory.Ticks(30 + (_r.NextDouble() * 120));
        for (var i = 0; i < count; i++)
        {
            // The first rewordings are blocked too; the later ones get through (the screening missed them).
            var request = RequestFactory.Make(u, at, anchor.From, _r, new PromptSpec(PromptKind.Rephrase, seed, category, i),
                i < stillBlocked ? Screening.InputBlock : Screening.Clean, category, scenario: id);
            added.Add(request);
            at = End(request) + RequestFactory.Ticks(30 + (_r.NextDouble() * 120));
        }

        Add(u, id, Detectors.Circumvention, "rephrase", added, $"a blocked {Request.Categories[category]} prompt, then {count} rewordings ({stillBlocked} blocked)");
        return true;
    }

    private bool KeySharing(string id)
    {
        if (Pick(_ => true) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        var known = u.Countries();
        var cities = World.Cities.Where(c => !known.Contains(c.Country)).GroupBy(c => c.Country).Select(g => g.First()).OrderBy(_ => _r.Next()).Take(_r.Next(4, 6)).ToArray();
        var minutes = _r.Next(20, 56);
        var start = End(anchor) + (_r.Next(5, 60) * _tickMinute);
        var added = new List<Request>();
        foreach (var city in cities)
        {
            var asn = _r.NextDouble() < 0.3 ? city.MobileAsn : city.HomeAsns[_r.Next(city.HomeAsns.Length)];
            var from = Endpoint.Of(city, asn, _r.Next(65536), "sharer");
            var agent = AttackerAgents[_r.Next(AttackerAgents.Length)];
            var count = _r.Next(2, 7);
            for (var i = 0; i < count; i++)
            {
                var at = start + (long)(_r.NextDouble() * minutes * _tickMinute);
                added.Add(RequestFactory.Make(u, at, from, _r, new PromptSpec(PromptKind.Natural, _r.Next()), agent: agent, scenario: id));
            }
        }

        Add(u, id, Detectors.KeySharing, "shared-key", added, $"{cities.Length} countries ({string.Join(", ", cities.Select(c => c.Country))}) in {minutes} min");
        return true;
    }

    private bool OutsidePurpose(string id)
    {
        if (Pick(u => u.Tier == Tiers.MedicalResearch) is not { } u || Anchor(u) is not { } anchor)
        {
            return false;
        }

        var count = _r.Next(3, 6);
        var at = anchor.At + (_r.Next(0, 60) * _tickMinute);
        var added = new List<Request>();
        for (var i = 0; i < count; i++)
        {
            added.Add(_r.NextDouble() < 0.7
                ? RequestFactory.Hazard(u, at, anchor.From, _r, 1, _r.Next(), id)
                : RequestFactory.Make(u, at, anchor.From, _r, RequestFactory.Natural(u, _r), Screening.OutputBlock, 1, scenario: id));
            at += (_r.Next(15, 90)) * _tickMinute; // spread out: not a streak
        }

        Add(u, id, Detectors.OutsidePurpose, "chemistry", added, $"{count} chem blocks in {(added[^1].At - added[0].At) / (double)TimeSpan.TicksPerHour:0.0} h on medical-research");
        return true;
    }

    /// <summary>An unplanted user that fits, of the tier whose turn it is where one fits (so scenarios spread over the tiers).</summary>
    private User? Pick(Func<User, bool> fits)
    {
        var tier = TierOrder[_round % TierOrder.Length];
        var fitting = users.Where(u => !u.Planted && fits(u) && Owned(u).Count() >= 15).ToList();
        var preferred = fitting.Where(u => u.Tier == tier).ToList();
        var candidates = preferred.Count > 0 ? preferred : fitting;
        if (candidates.Count == 0)
        {
            return null;
        }

        var user = candidates[_r.Next(candidates.Count)];
        user.Planted = true;
        return user;
    }

    /// <summary>One of the owner's own requests, at home (not travelling), on a day after the warm-up, to hang the scenario on.</summary>
    private Request? Anchor(User u, int minDay = -1)
    {
        var first = Math.Max(minDay, options.WarmupDays + 2);
        var candidates = Owned(u).Where(q => Day(q.At) >= first && Day(q.At) <= options.Days - 2 && q.From.City == u.Home && q.Screening == Screening.Clean).ToList();
        if (candidates.Count == 0)
        {
            u.Planted = false;
            return null;
        }

        return candidates[_r.Next(candidates.Count)];
    }

    private static IEnumerable<Request> Owned(User u) => u.Requests.Where(q => q.Key == u.Key && q.Scenario is null);

    private int Day(long ticks) => (int)((ticks - options.Start.Ticks) / TimeSpan.TicksPerDay);

    private static long End(Request q) => q.At + RequestFactory.Ticks(q.LatencyMs / 1000.0);

    private string Attacker(User u)
    {
        string agent;
        do
        {
            agent = AttackerAgents[_r.Next(AttackerAgents.Length)];
        }
        while (agent == u.UserAgent);
        return agent;
    }

    private void Add(User u, string id, string detector, string kind, List<Request> added, string note)
    {
        u.Requests.AddRange(added);
        var start = new DateTime(added.Min(q => q.At), DateTimeKind.Utc);
        var end = new DateTime(added.Max(End), DateTimeKind.Utc);
        _labels.Add(new Label(id, detector, kind, u.Id, u.Key, u.Tier, start, end, note));
    }
}
