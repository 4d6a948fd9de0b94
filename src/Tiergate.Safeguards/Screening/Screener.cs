using Tiergate.Safeguards.Matching;

namespace Tiergate.Safeguards.Screening;

/// <summary>
/// Runs a cascade of stages in order and returns a verdict with evidence for every category.
/// A category escalated by the last stage that looked at it, but decided by none, is flagged when
/// <see cref="FlagUndecided"/> is true (fail closed) and cleared otherwise. Thread-safe.
/// </summary>
public sealed class Screener
{
    private readonly IScreeningStage[] _stages;
    private readonly ThreadLocal<ScreeningContext> _contexts;

    public Screener(IEnumerable<IScreeningStage> stages, IEnumerable<string>? categories = null, bool flagUndecided = true)
    {
        ArgumentNullException.ThrowIfNull(stages);
        _stages = stages.ToArray();
        if (_stages.Length == 0)
        {
            throw new ArgumentException("A screener needs at least one stage.", nameof(stages));
        }

        Categories = (categories ?? _stages.SelectMany(s => s.Categories)).Distinct(StringComparer.Ordinal).ToArray();
        FlagUndecided = flagUndecided;
        _contexts = new ThreadLocal<ScreeningContext>(() => new ScreeningContext(Categories));
    }

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<IScreeningStage> Stages => _stages;

    public bool FlagUndecided { get; }

    /// <summary>The usual two-stage cascade: keywords (escalate at <paramref name="escalateAt"/> distinct terms) then classifier threshold.</summary>
    public static Screener KeywordsThenClassifier(
        TermMatcher matcher,
        Classification.ITextClassifier classifier,
        int escalateAt = 1,
        double threshold = 0.5,
        int flagAt = int.MaxValue)
    {
        return new Screener(
        [
            new KeywordStage(matcher, new KeywordStageOptions { EscalateAtDistinctTerms = escalateAt, FlagAtDistinctTerms = flagAt }),
            new ClassifierStage(classifier, new ClassifierStageOptions { Threshold = threshold }),
        ]);
    }

    public ScreeningResult Screen(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = _contexts.Value!;
        context.Reset(text, default);
        return Run(context);
    }

    /// <summary>Screens UTF-8 text; matched-term offsets are byte offsets.</summary>
    public ScreeningResult ScreenUtf8(ReadOnlySpan<byte> utf8)
    {
        var context = _contexts.Value!;
        context.Reset(null, utf8);
        return Run(context);
    }

    /// <summary>
    /// Starts screening a text that will arrive in pieces (a streamed answer): append each piece to the
    /// session; its <see cref="ScreeningSession.Current"/> verdict is always the verdict <see cref="Screen"/>
    /// gives for everything appended so far, taken as one text. Not thread-safe; one session per text.
    /// </summary>
    public ScreeningSession Begin() => new(this);

    internal ScreeningResult Run(ScreeningContext context)
    {
        foreach (var stage in _stages)
        {
            stage.Evaluate(context);
        }

        var verdicts = new CategoryVerdict[context.States.Count];
        for (var i = 0; i < verdicts.Length; i++)
        {
            var state = context.States[i];
            var flagged = state.Decision == StageOutcome.Flag || (state.Decision is null && state.Escalated && FlagUndecided);
            verdicts[i] = new CategoryVerdict(
                state.Category,
                flagged,
                state.Score,
                state.Stage,
                state.Terms.Count == 0 ? [] : state.Terms.ToArray(),
                state.Evidence.Count == 0 ? [] : state.Evidence.ToArray());
        }

        return new ScreeningResult(verdicts);
    }
}
