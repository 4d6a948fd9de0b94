using System.Text;
using BenchmarkDotNet.Attributes;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// The engine alone (no events, no JSON): an answer appended in 20-char pieces with a verdict every 128
/// chars and at the end, as the output guard asks for them. <see cref="ScreenPrefixes"/> screens the whole
/// text so far each time (the old way); <see cref="SessionVerdicts"/> uses one <see cref="ScreeningSession"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerCharConfig))]
public class ScreeningSessionBenchmarks
{
    private const int Delta = 20;
    private const int CheckEvery = 128;
    private Screener _screener = null!;
    private string _answer = string.Empty;

    [Params(1_000, 10_000, 100_000)]
    public int Chars { get; set; }

    [Params("Benign", "Escalated")]
    public string Answer { get; set; } = "Benign";

    [GlobalSetup]
    public void Setup()
    {
        var directory = SafeguardsBenchmarkData.SamplesDirectory;
        _screener = SafeguardDefaults.CreateScreener(
            SafeguardDefaults.LoadTerms(directory),
            SafeguardDefaults.LoadModel(directory),
            new KeywordStageOptions { EscalateAtDistinctTerms = 1, FlagAtDistinctTerms = 3, FlagAtWeight = 4 });
        _answer = StreamedAnswer.Generate(Chars, escalated: Answer == "Escalated");
        if (ScreenPrefixes() != SessionVerdicts() || _screener.Screen(_answer).AnyFlagged)
        {
            throw new InvalidOperationException("The two ways disagree, or the answer is flagged.");
        }
    }

    [Benchmark(Baseline = true)]
    public int ScreenPrefixes()
    {
        var text = new StringBuilder();
        var checkedAt = 0;
        var escalations = 0;
        for (var i = 0; i < _answer.Length; i += Delta)
        {
            text.Append(_answer.AsSpan(i, Math.Min(Delta, _answer.Length - i)));
            if (text.Length - checkedAt >= CheckEvery)
            {
                escalations += Count(_screener.Screen(text.ToString()));
                checkedAt = text.Length;
            }
        }

        return escalations + Count(_screener.Screen(text.ToString()));
    }

    [Benchmark]
    public int SessionVerdicts()
    {
        var session = _screener.Begin();
        var checkedAt = 0;
        var escalations = 0;
        for (var i = 0; i < _answer.Length; i += Delta)
        {
            session.Append(_answer.AsSpan(i, Math.Min(Delta, _answer.Length - i)));
            if (session.Length - checkedAt >= CheckEvery)
            {
                escalations += Count(session.Current);
                checkedAt = session.Length;
            }
        }

        return escalations + Count(session.Current);
    }

    /// <summary>Categories the classifier looked at: the two ways must agree on every verdict.</summary>
    private static int Count(ScreeningResult result) => result.Verdicts.Count(v => v.Stage == "classifier");
}
