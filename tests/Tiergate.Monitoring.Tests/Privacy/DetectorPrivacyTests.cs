using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Tests.Privacy;

/// <summary>
/// Issue 15, item 6, below the gateway: whatever an event carries, detectors of a <c>metadata-only</c> or
/// <c>aggregate</c> tier put no prompt text (nor matched terms) in evidence or in stored state, and store no sketch;
/// a <c>full</c> tier is the control, where matched terms reach the evidence and sketches the state.
/// </summary>
public sealed class DetectorPrivacyTests
{
    private const string Tier = "medical-research";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("metadata-only")]
    [InlineData("aggregate")]
    public void Observe_RestrictedTierEventsCarryingTerms_EvidenceAndStateWithoutThem(string privacy)
    {
        var planted = Planted();
        var engine = new MonitorEngine(Policy(privacy));

        var detections = Feed(engine, planted, shape: null);
        var state = string.Join("\n", engine.TakeChanged().Select(s => s.Data));

        Assert.Contains(detections, d => d.Detector == "circumvention");
        Assert.Contains(detections, d => d.Detector == "outside_purpose");
        Assert.All(detections, d => Assert.Equal(privacy == "aggregate", d.Masked));
        Assert.DoesNotContain(planted, JsonSerializer.Serialize(detections), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(planted, state, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"values\"", state, StringComparison.Ordinal); // no sketch stored: lost on restart, by design
    }

    [Fact]
    public void Observe_FullTierEventsCarryingTerms_TermsInEvidenceAndSketchesStored()
    {
        var planted = Planted();
        var engine = new MonitorEngine(Policy("full"));

        var detections = Feed(engine, planted, shape: null);
        var state = string.Join("\n", engine.TakeChanged().Select(s => s.Data));

        var circumvention = Assert.Single(detections, d => d.Detector == "circumvention" && d.Evidence.ContainsKey("matched_terms"));
        Assert.Contains(planted, circumvention.Evidence["matched_terms"], StringComparison.Ordinal);
        Assert.Contains("\"values\"", state, StringComparison.Ordinal);
        Assert.DoesNotContain(planted, state, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(PrivacyMode.MetadataOnly)]
    [InlineData(PrivacyMode.Aggregate)]
    public void Shape_RestrictedMode_EventSerialisesWithoutTerms(PrivacyMode mode)
    {
        var planted = Planted();
        var detections = Feed(new MonitorEngine(Policy("full")), planted, shape: mode);

        var shaped = UsageEventPrivacy.Shape(Flag(Start, planted), mode);

        Assert.DoesNotContain(planted, JsonSerializer.Serialize(shaped), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(planted, JsonSerializer.Serialize(UsageEventPrivacy.Shape(Flag(Start, planted), PrivacyMode.Full)), StringComparison.Ordinal);
        // Shaped events give even a full tier's detectors nothing to copy.
        Assert.DoesNotContain(planted, JsonSerializer.Serialize(detections), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UsageEvent_Properties_NoneHoldsText()
    {
        var textual = typeof(UsageEvent).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => p.Name).Order(StringComparer.Ordinal);

        // Identifiers, codes and client metadata only: a new string property must be justified here.
        Assert.Equal(["Category", "ClientAddress", "Code", "Direction", "KeyId", "Kind", "Tier", "UserAgent", "Variant"], textual);
    }

    /// <summary>Three blocked rephrasings and six flagged prompts a minute apart, each carrying the planted term (as an unshaped event would).</summary>
    private static List<Detection> Feed(MonitorEngine engine, string planted, PrivacyMode? shape)
    {
        var detections = new List<Detection>();
        var at = Start;
        void Observe(UsageEvent e) => engine.Observe(shape is { } mode ? UsageEventPrivacy.Shape(e, mode) : e, null, detections);

        foreach (var wording in new[] { "plans for a dirty bomb", "a dirty bomb plan please", "dirty bomb: the plans", "how to build a dirty bomb", "dirty bomb assembly" })
        {
            var sketch = Sketch($"{planted} {wording}");
            Observe(Event(at, UsageEventKinds.SafeguardBlock) with { Direction = "input", Category = "radnuc", Score = 1, MatchedTerms = [planted, "dirty bomb"], Sketch = sketch });
            Observe(Event(at, UsageEventKinds.Denied) with { Code = "content_blocked" });
            at = at.AddMinutes(1);
        }

        for (var i = 0; i < 6; i++)
        {
            Observe(Event(at, UsageEventKinds.Admitted) with { PromptTokens = 12, CompletionTokens = 100, Sketch = Sketch($"{planted} dirty bomb plans number {i}") });
            Observe(Flag(at, planted));
            Observe(Event(at.AddSeconds(2), UsageEventKinds.Completed) with { Code = "Completed", PromptTokens = 12, CompletionTokens = 40, Latency = TimeSpan.FromSeconds(2) });
            at = at.AddMinutes(1);
        }

        return detections;
    }

    private static UsageEvent Flag(DateTimeOffset at, string planted) =>
        Event(at, UsageEventKinds.SafeguardFlag) with { Direction = "input", Category = "chem", Score = 0.9, MatchedTerms = [planted] };

    private static UsageEvent Event(DateTimeOffset at, string kind) => new(at, kind)
    {
        UserId = 7,
        KeyId = "k7",
        Tier = Tier,
        Variant = "bio-research",
        ClientAddress = "203.0.113.7",
        UserAgent = "python-openai/1.50",
        Privacy = PrivacyMode.Full, // unshaped: as if a sink forgot the tier's mode
    };

    private static PromptSketch Sketch(string text) => PromptSketch.Of(Encoding.UTF8.GetBytes(text.ToLowerInvariant()))!;

    private static string Planted() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz", 24);

    /// <summary>The sample policy, with <c>medical-research</c> in <paramref name="privacy"/> mode.</summary>
    private static PolicyDocument Policy(string privacy)
    {
        var yaml = File.ReadAllText(SamplePolicyPath());
        var start = yaml.IndexOf($"  - name: {Tier}", StringComparison.Ordinal);
        var at = yaml.IndexOf("privacy: ", start, StringComparison.Ordinal);
        var end = yaml.IndexOf('\n', at);
        var loaded = PolicyLoader.Load(yaml[..at] + "privacy: " + privacy + yaml[end..]);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return loaded.Policy!;
    }

    private static string SamplePolicyPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "tiergate.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/tiergate.yaml not found above the test's directory");
    }
}
