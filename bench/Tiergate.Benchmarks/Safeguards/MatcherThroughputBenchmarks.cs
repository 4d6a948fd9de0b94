using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// 5,000 terms over 1 MB of text, side by side: .NET <see cref="SearchValues{T}"/> (ordinal ignore-case,
/// no normalisation, first hit per line) and the Tiergate matcher (full normalisation, every hit),
/// on UTF-16 and on UTF-8 input. bench/safeguards/compare-matcher.sh adds ripgrep.
/// </summary>
[MemoryDiagnoser]
public class MatcherThroughputBenchmarks
{
    private SearchValues<string> _searchValues = null!;
    private TermMatcher _matcher = null!;
    private string[] _lines = [];
    private byte[][] _utf8Lines = [];
    private readonly NormalizedText _buffer = new(1 << 16);
    private readonly MatchAccumulator _accumulator = new(16);

    [GlobalSetup]
    public void Setup()
    {
        var terms = SafeguardsBenchmarkData.Terms(5_000);
        _searchValues = SearchValues.Create(terms.Select(t => t.Text).ToArray(), StringComparison.OrdinalIgnoreCase);
        _matcher = TermMatcher.Create(terms);
        var text = SafeguardsBenchmarkData.Prompt(1 << 20);
        _lines = text.Split(". ");
        _utf8Lines = _lines.Select(SafeguardsBenchmarkData.Utf8).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int SearchValues_LinesWithAHit()
    {
        var count = 0;
        foreach (var line in _lines)
        {
            count += line.AsSpan().IndexOfAny(_searchValues) >= 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark]
    public int Tiergate_Utf16_LinesWithAHit()
    {
        var count = 0;
        foreach (var line in _lines)
        {
            _matcher.Match(line.AsSpan(), _buffer, _accumulator);
            count += _accumulator.TotalMatches > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark]
    public int Tiergate_Utf8_LinesWithAHit()
    {
        var count = 0;
        foreach (var line in _utf8Lines)
        {
            _matcher.MatchUtf8(line, _buffer, _accumulator);
            count += _accumulator.TotalMatches > 0 ? 1 : 0;
        }

        return count;
    }
}
