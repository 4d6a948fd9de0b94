using System.Text;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Tests.Detectors;

/// <summary>Drives a <see cref="MonitorEngine"/> with a small policy, one event at a time, and collects what it detects.</summary>
internal sealed class Scenario
{
    public const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://127.0.0.1:9/v1", model: m }
          - name: open
            upstream: { base_url: "http://127.0.0.1:9/v1", model: m }
        policies:
          - id: aup
            version: "1"
            permitted: [research]
            prohibited: [weapons]
            threat_model: misuse
            rationale: research
        tiers:
          - name: research
            variants: [standard, open]
            policy: aup
            monitoring: { level: enhanced, privacy: full, fallback_variant: standard }
            safeguards:
              input: { bio: flag, chem: block, radnuc: block, cyber: block }
          - name: plain
            variants: [standard]
            policy: aup
            monitoring: { level: standard, privacy: full }
          - name: meds
            variants: [standard, open]
            policy: aup
            monitoring: { level: enhanced, privacy: metadata-only, purpose: [bio] }
            safeguards:
              input: { bio: flag, chem: block, radnuc: block, cyber: block }
          - name: agg
            variants: [standard]
            policy: aup
            monitoring: { level: standard, privacy: aggregate }
          - name: quiet
            variants: [standard]
            policy: aup
            monitoring:
              detectors:
                impossible_travel: { enabled: false }
                new_country: { enabled: false }
                key_sharing: { max_countries: 10, max_asns: 10 }
          - name: roaming
            variants: [standard]
            policy: aup
            monitoring:
              detectors:
                new_country: { quiet_when_travel_plausible: 0 }
        """;

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly Place Berlin = City("DE", 3320, 52.52, 13.40);
    public static readonly Place BerlinVpnExit = City("US", 9009, 40.71, -74.0);
    public static readonly Place NewYork = City("US", 7922, 40.71, -74.0);
    public static readonly Place Paris = City("FR", 3215, 48.86, 2.35);
    public static readonly Place Tokyo = City("JP", 2516, 35.68, 139.69);
    public static readonly Place Potsdam = City("DE", 3320, 52.39, 13.06);

    public Scenario(string? policy = null) => Engine = new MonitorEngine(PolicyLoader.Load(policy ?? Policy).Policy!);

    public MonitorEngine Engine { get; private set; }

    public List<Detection> Detections { get; } = [];

    public static Place City(string country, long asn, double lat, double lon) =>
        new(PlacePrecision.City) { CountryCode = country, Asn = asn, Latitude = lat, Longitude = lon };

    public static PromptSketch Sketch(string text) => PromptSketch.Of(Encoding.UTF8.GetBytes(text.ToLowerInvariant()))!;

    public IReadOnlyList<Detection> Of(string detector) => Detections.Where(d => d.Detector == detector).ToList();

    /// <summary>One admitted request.</summary>
    public void Request(DateTimeOffset at, long user = 1, string tier = "research", Place? place = null, string key = "k1", string address = "198.51.100.1", string? prompt = null, string agent = "OpenAI/Python 1.51.0") =>
        Engine.Observe(new UsageEvent(at, UsageEventKinds.Admitted) { UserId = user, KeyId = key, Tier = tier, ClientAddress = address, UserAgent = agent, Sketch = prompt is null ? null : Sketch(prompt) }, place, Detections);

    /// <summary>A screened input prompt: a block (then the request's denial) or a flag.</summary>
    public void Screened(DateTimeOffset at, string category, bool block, long user = 1, string tier = "research", string? prompt = null, IReadOnlyList<string>? terms = null)
    {
        var kind = block ? UsageEventKinds.SafeguardBlock : UsageEventKinds.SafeguardFlag;
        Engine.Observe(new UsageEvent(at, kind) { UserId = user, KeyId = "k1", Tier = tier, Direction = "input", Category = category, Score = 0.9, Sketch = prompt is null ? null : Sketch(prompt), MatchedTerms = terms }, null, Detections);
        if (block)
        {
            Engine.Observe(new UsageEvent(at, UsageEventKinds.Denied) { UserId = user, KeyId = "k1", Tier = tier, Code = "content_blocked" }, null, Detections);
        }
    }

    /// <summary>Requests from home for <paramref name="days"/> working days, a few an hour, so the user has history.</summary>
    public void History(int days, long user = 1, string tier = "research", Place? place = null, int perHour = 4)
    {
        for (var day = 0; day < days; day++)
        {
            for (var hour = 0; hour < 8; hour++)
            {
                for (var i = 0; i < perHour; i++)
                {
                    var at = Start.AddDays(day).AddHours(hour).AddMinutes((i * 13) + ((day + hour) % 7));
                    Request(at, user, tier, place ?? Berlin, prompt: VariedPrompt((day * 100) + (hour * 10) + i));
                }
            }
        }
    }

    /// <summary>A prompt of twelve words drawn from a vocabulary, different for every seed: prompts that do not resemble each other.</summary>
    public static string VariedPrompt(int seed)
    {
        string[] words = ["protein", "assay", "kinetics", "tumour", "cohort", "enzyme", "lattice", "bayesian", "quarterly", "revenue", "poem", "sonnet",
            "garden", "tomato", "compiler", "rust", "kernel", "museum", "Kyoto", "río", "Überblick", "данные", "数据", "2024", "ratio", "42%", "<b>", "café",
            "migration", "glacier", "neutrino", "ledger", "invoice", "violin", "harbour", "satellite", "mortgage", "syntax", "tensor", "vaccine"];
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)]));
    }

    /// <summary>Stores and restores every subject's state in a new engine, as a restart would.</summary>
    public void Restart(string? policy = null)
    {
        var saved = Engine.TakeChanged();
        Engine = new MonitorEngine(PolicyLoader.Load(policy ?? Policy).Policy!);
        foreach (var (subject, data) in saved)
        {
            Engine.Load(subject, data);
        }
    }
}
