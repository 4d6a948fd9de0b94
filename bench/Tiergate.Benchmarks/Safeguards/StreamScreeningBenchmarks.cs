using BenchmarkDotNet.Attributes;
using Tiergate.Core.Policy;
using Tiergate.Server.Screening;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// A streamed answer (prose with punctuation, digits, markup and several scripts) in 20-char deltas through
/// the gateway's output guard, for a tier that blocks (hold-back 256 chars, checked every 128): the
/// incremental session (<see cref="StreamOutputGuard"/>) against the guard as it was, which screened the
/// whole accumulated answer again at every check (<see cref="RescreeningGuard"/>, the baseline). "Benign"
/// has no term, so keywords clear it; "Escalated" names one term early, so every check runs the classifier.
/// Screening cost per char should stay flat for the session and grow with the answer for the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerCharConfig))]
public class StreamScreeningBenchmarks
{
    private OutputScreening _screening = null!;
    private List<(byte[] Event, byte[] Data)> _events = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Chars { get; set; }

    [Params("Benign", "Escalated")]
    public string Answer { get; set; } = "Benign";

    [GlobalSetup]
    public void Setup()
    {
        var yaml = File.ReadAllText(Path.Combine(SafeguardsBenchmarkData.SamplesDirectory, "..", "tiergate.yaml"))
            .Replace("\nsafeguards:\n", $"\nsafeguards:\n  directory: {SafeguardsBenchmarkData.SamplesDirectory}\n", StringComparison.Ordinal);
        var loaded = PolicyLoader.Load(yaml);
        var policy = loaded.Policy ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors.Select(e => e.ToString())));
        var screening = new ContentScreening(policy);
        var tier = policy.TiersByName["general"];
        _screening = new OutputScreening(text => screening.Screen(tier, text, output: true), () => screening.BeginOutput(tier), !screening.OnlyFlags(tier, output: true), policy.Safeguards.HoldBackChars);
        var answer = StreamedAnswer.Generate(Chars, escalated: Answer == "Escalated");
        _events = StreamedAnswer.Events(answer, 20);

        // Both guards must pass the whole answer, and agree on it, or the figures mean nothing.
        var released = Session();
        if (released != _events.Count || Rescreen() != released)
        {
            throw new InvalidOperationException($"The answer was not released whole ({released} of {_events.Count} events).");
        }
    }

    [Benchmark(Baseline = true)]
    public int Rescreen()
    {
        var guard = new RescreeningGuard(_screening);
        var release = new List<byte[]>();
        var count = 0;
        foreach (var (sseEvent, data) in _events)
        {
            guard.Add(sseEvent, data, release);
            count += release.Count;
            release.Clear();
        }

        guard.Finish(release);
        return count + release.Count;
    }

    [Benchmark]
    public int Session()
    {
        var guard = new StreamOutputGuard(_screening);
        var release = new List<byte[]>();
        var count = 0;
        foreach (var (sseEvent, data) in _events)
        {
            guard.Add(sseEvent, data, release);
            count += release.Count;
            release.Clear();
        }

        guard.Finish(release);
        return count + release.Count;
    }
}
