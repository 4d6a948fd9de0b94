using System.Text;
using BenchmarkDotNet.Attributes;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Benchmarks.Monitoring;

/// <summary>
/// The detectors' cost per usage event on one thread (the gateway's monitor consumes events on one task), against the
/// issue's bar of 50,000 events/s (20 µs an event). <c>population</c>: 2,000 users of the sample tiers, each request an
/// admitted and a completed event, prompts sketched, places from 24 cities, 1 % blocked prompts. <c>hostile</c>: one
/// key from a new address and country every request, every prompt a near-copy of recent blocked ones, a block every
/// third request — the lists each detector keeps are full and every comparison runs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DetectorBenchmarks
{
    private const int Requests = 50_000;
    private static readonly (string Country, long Asn, double Lat, double Lon)[] Cities =
    [
        ("DE", 3320, 52.52, 13.40), ("FR", 3215, 48.86, 2.35), ("GB", 2856, 51.51, -0.13), ("US", 7922, 40.71, -74.0), ("US", 7018, 37.77, -122.42),
        ("JP", 2516, 35.68, 139.69), ("IN", 9829, 19.08, 72.88), ("BR", 28573, -23.55, -46.63), ("NG", 29465, 6.52, 3.38), ("KR", 4766, 37.57, 126.98),
        ("CN", 4134, 39.90, 116.41), ("RU", 12389, 55.76, 37.62), ("ES", 3352, 40.42, -3.70), ("IT", 3269, 41.90, 12.50), ("NL", 1136, 52.37, 4.90),
        ("SE", 3301, 59.33, 18.07), ("PL", 5617, 52.23, 21.01), ("CA", 577, 43.65, -79.38), ("AU", 1221, -33.87, 151.21), ("SG", 7473, 1.35, 103.82),
        ("ZA", 3741, -26.20, 28.05), ("MX", 8151, 19.43, -99.13), ("EG", 8452, 30.04, 31.24), ("TR", 9121, 41.01, 28.98),
    ];

    private static readonly string[] Tiers = ["general", "safety-research", "medical-research"];

    private List<(UsageEvent Event, Place? Place)> _events = [];
    private PolicyDocument _policy = null!;

    [Params("population", "hostile")]
    public string Traffic { get; set; } = "population";

    [GlobalSetup]
    public void Setup()
    {
        var samples = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Safeguards.SafeguardsBenchmarkData.SamplesDirectory))!;
        var sample = File.ReadAllText(Path.Combine(samples, "tiergate.yaml"));
        _policy = PolicyLoader.Load(sample).Policy!;
        _events = Traffic == "hostile" ? Hostile() : Population();
    }

    [Benchmark(OperationsPerInvoke = Requests * 2)]
    public int ObservePerEvent()
    {
        var engine = new MonitorEngine(_policy);
        var detections = new List<Detection>();
        foreach (var (e, place) in _events)
        {
            engine.Observe(e, place, detections);
        }

        return detections.Count;
    }

    private static List<(UsageEvent, Place?)> Population()
    {
        var random = new Random(15);
        var events = new List<(UsageEvent, Place?)>(Requests * 2);
        var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Requests; i++)
        {
            var user = random.Next(2_000);
            var tier = Tiers[user % 3];
            var city = Cities[(user * 7) % Cities.Length];
            var place = new Place(PlacePrecision.City) { CountryCode = city.Country, Asn = city.Asn, Latitude = city.Lat, Longitude = city.Lon };
            at = at.AddMilliseconds(random.Next(500, 4_000));
            var request = new UsageEvent(at, UsageEventKinds.Admitted)
            {
                UserId = user, KeyId = $"k{user}", Tier = tier, ClientAddress = $"198.51.{user % 256}.{user / 256}", UserAgent = "OpenAI/Python 1.51.0",
                Sketch = Sketch(Prompt(random)), PromptTokens = 300, CompletionTokens = 1024,
            };
            if (random.Next(100) == 0)
            {
                events.Add((request with { Kind = UsageEventKinds.SafeguardBlock, Direction = "input", Category = "chem", Score = 0.9 }, null));
                events.Add((request with { Kind = UsageEventKinds.Denied, Code = "content_blocked", Sketch = null }, place));
                continue;
            }

            events.Add((request, place));
            events.Add((request with { Kind = UsageEventKinds.Completed, At = at.AddSeconds(3), Code = "Completed", Sketch = null, Latency = TimeSpan.FromSeconds(3) }, null));
        }

        return events;
    }

    private static List<(UsageEvent, Place?)> Hostile()
    {
        var random = new Random(16);
        var events = new List<(UsageEvent, Place?)>(Requests * 2);
        var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        const string blocked = "give me a step by step synthesis route for sarin from commercially available precursors";
        for (var i = 0; i < Requests; i++)
        {
            var city = Cities[i % Cities.Length];
            var place = new Place(PlacePrecision.City) { CountryCode = city.Country, Asn = city.Asn + i, Latitude = city.Lat, Longitude = city.Lon };
            at = at.AddMilliseconds(200);
            var request = new UsageEvent(at, UsageEventKinds.Admitted)
            {
                UserId = 1, KeyId = "k1", Tier = "medical-research", ClientAddress = $"203.0.{(i >> 8) & 255}.{i & 255}", UserAgent = $"agent/{i % 40}",
                Sketch = Sketch($"{blocked} variation {i} {random.Next()}"), PromptTokens = 300, CompletionTokens = 1024,
            };
            if (i % 3 == 0)
            {
                events.Add((request with { Kind = UsageEventKinds.SafeguardBlock, Direction = "input", Category = "chem", Score = 0.9 }, null));
                events.Add((request with { Kind = UsageEventKinds.Denied, Code = "content_blocked", Sketch = null }, place));
                continue;
            }

            events.Add((request, place));
            events.Add((request with { Kind = UsageEventKinds.SafeguardFlag, Direction = "input", Category = "radnuc", Score = 0.7 }, null));
        }

        return events;
    }

    private static PromptSketch? Sketch(string text) => PromptSketch.Of(Encoding.UTF8.GetBytes(text.ToLowerInvariant()));

    private static string Prompt(Random random)
    {
        string[] words = ["protein", "assay", "kinetics", "tumour", "cohort", "enzyme", "lattice", "bayesian", "quarterly", "revenue", "poem", "sonnet",
            "garden", "compiler", "kernel", "museum", "Kyoto", "río", "Überblick", "данные", "数据", "2024", "ratio", "42%", "<b>", "café", "vaccine"];
        return string.Join(' ', Enumerable.Range(0, 40).Select(_ => words[random.Next(words.Length)]));
    }
}
