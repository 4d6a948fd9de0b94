using BenchmarkDotNet.Attributes;
using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// Linearity on hostile text (issue 19): the normaliser, the matcher (5,000 terms) and the linear classifier
/// on each adversarial kind at 100 KB and 1 MB. Linear means the 1 MB time is at most 12x the 100 KB time,
/// i.e. the ns/char column at 1 MB is at most 1.2x the one at 100 KB (the column divides by <c>Chars</c>, here bytes).
/// Run: dotnet run -c Release --project bench/Tiergate.Benchmarks -- --filter '*HostileLinearity*'
/// </summary>
[Config(typeof(PerCharConfig))]
public class HostileLinearityBenchmarks
{
    private readonly NormalizedText _buffer = new(1 << 16, trackSourceOffsets: false);
    private readonly MatchAccumulator _accumulator = new(16);
    private readonly float[] _probabilities = new float[8];
    private TermMatcher _matcher = null!;
    private LinearClassifier _classifier = null!;
    private byte[] _text = [];

    [Params(HostileText.Spaced, HostileText.Digits, HostileText.Leet, HostileText.Homoglyphs, HostileText.OneWord)]
    public string Kind { get; set; } = HostileText.Spaced;

    [Params(100_000, 1_000_000)]
    public int Chars { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _matcher = TermMatcher.Create(SafeguardsBenchmarkData.Terms(5_000));
        _classifier = LinearModelFile.Load(Path.Combine(SafeguardsBenchmarkData.SamplesDirectory, "model", "default.tglc"));
        _text = HostileText.Make(Kind, Chars);
    }

    [Benchmark]
    public int Normalize()
    {
        TextNormalizer.Default.NormalizeUtf8(_text, _buffer);
        return _buffer.Length;
    }

    [Benchmark]
    public int Match()
    {
        _matcher.MatchUtf8(_text, _buffer, _accumulator);
        return _accumulator.TotalMatches;
    }

    [Benchmark]
    public float Classify()
    {
        _classifier.ScoreUtf8(_text, _probabilities);
        return _probabilities[0];
    }
}
