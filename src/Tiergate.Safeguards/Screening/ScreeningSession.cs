using System.Text;
using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Screening;

/// <summary>
/// Screens one text that arrives in pieces, such as a streamed answer. Its meaning is fixed by one rule:
/// <see cref="Current"/> is the verdict <see cref="Screener.Screen"/> gives for everything appended so far,
/// taken as one text (categories, flags, scores, stages, matched terms with their source offsets, evidence).
/// <para>
/// Each appended char is normalised and scanned for terms once: the normaliser's, the automaton's and the
/// term counts' state carry over from piece to piece. The linear classifier's feature sums carry over too,
/// and are brought up to date only when a verdict needs the classifier. A verdict writes the text's
/// provisional end (what the normaliser still holds back) after the committed part, decides as the cascade
/// does, and drops that end again: O(categories + matched terms) beyond the held-back tail.
/// </para>
/// <para>
/// Two cases keep the whole text instead, and stay exact but not linear: a classifier other than
/// <see cref="LinearClassifier"/> scores the whole text whenever the cascade asks it, and a stage other than
/// <see cref="KeywordStage"/> or <see cref="ClassifierStage"/> makes every verdict a whole screening.
/// </para>
/// Not thread-safe.
/// </summary>
public sealed class ScreeningSession
{
    private readonly Screener _screener;
    private readonly ScreeningContext _context;
    private readonly List<NormalizerStream> _streams = [];
    private readonly Dictionary<IScreeningStage, (TermStream Terms, NormalizerStream Stream)> _keywords = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IScreeningStage, (FeatureStream Features, NormalizerStream Stream)> _features = new(ReferenceEqualityComparer.Instance);
    private readonly StringBuilder? _text;
    private ScreeningResult? _current;

    internal ScreeningSession(Screener screener)
    {
        _screener = screener;
        _context = new ScreeningContext(screener.Categories);
        var needsText = false;
        foreach (var stage in screener.Stages)
        {
            switch (stage)
            {
                case KeywordStage keywords:
                    var stream = StreamFor(keywords.Matcher.Normalizer.Options);
                    _keywords[stage] = (new TermStream(keywords.Matcher, ScreeningContext.MaxStoredMatches), stream);
                    break;
                case ClassifierStage { Classifier: LinearClassifier linear, Options.ScoreSentences: false }:
                    _features[stage] = (new FeatureStream(linear), StreamFor(linear.Normalizer.Options));
                    break;
                case ClassifierStage:
                    needsText = true;
                    break;
                default:
                    IsIncremental = false;
                    needsText = true;
                    break;
            }
        }

        _text = needsText ? new StringBuilder() : null;
    }

    /// <summary>False when a stage cannot follow the text piece by piece, so every verdict screens the whole text.</summary>
    public bool IsIncremental { get; } = true;

    /// <summary>UTF-16 code units appended so far; matched-term offsets count from the first piece.</summary>
    public int Length { get; private set; }

    /// <summary>The verdict on everything appended so far, as one text (computed once per change).</summary>
    public ScreeningResult Current => _current ??= Evaluate();

    public void Append(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        Append(piece.AsSpan());
    }

    public void Append(ReadOnlySpan<char> piece)
    {
        if (piece.IsEmpty)
        {
            return;
        }

        _current = null;
        Length += piece.Length;
        _text?.Append(piece);
        if (!IsIncremental)
        {
            return;
        }

        foreach (var stream in _streams)
        {
            stream.Append(piece);
        }

        foreach (var (terms, stream) in _keywords.Values)
        {
            terms.Advance(stream.Output, stream.CommittedLength, atEnd: false);
        }
    }

    internal string WholeText() => _text?.ToString() ?? throw new InvalidOperationException("This session does not keep the text.");

    internal TermStream TermsOf(KeywordStage stage) => _keywords[stage].Terms;

    /// <summary>The linear classifier's probabilities for the text so far (committed part brought up to date, then the provisional end on trial).</summary>
    internal void ScoreLinear(ClassifierStage stage, Span<float> probabilities)
    {
        var (features, stream) = _features[stage];
        var utf8 = stream.Output.Utf8;
        features.Advance(utf8, stream.CommittedLength);
        features.BeginTrial();
        try
        {
            features.Complete(utf8, utf8.Length);
            features.Score(probabilities);
        }
        finally
        {
            features.EndTrial();
        }
    }

    private ScreeningResult Evaluate()
    {
        if (!IsIncremental)
        {
            return _screener.Screen(_text!.ToString());
        }

        foreach (var stream in _streams)
        {
            stream.WriteTail();
        }

        try
        {
            foreach (var (terms, stream) in _keywords.Values)
            {
                terms.BeginTrial();
                terms.Advance(stream.Output, stream.Output.Length, atEnd: true);
            }

            _context.Reset(this);
            return _screener.Run(_context);
        }
        finally
        {
            foreach (var (terms, _) in _keywords.Values)
            {
                terms.EndTrial();
            }

            foreach (var stream in _streams)
            {
                stream.DropTail();
            }
        }
    }

    private NormalizerStream StreamFor(NormalizerOptions options)
    {
        foreach (var stream in _streams)
        {
            if (stream.Options.Equals(options))
            {
                return stream;
            }
        }

        var created = new NormalizerStream(options);
        _streams.Add(created);
        return created;
    }
}
