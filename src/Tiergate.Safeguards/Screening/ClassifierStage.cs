using System.Globalization;
using Tiergate.Safeguards.Classification;

namespace Tiergate.Safeguards.Screening;

/// <summary>
/// Classifier stage: scores the text once (only when some category needs it) and flags or clears
/// each category the classifier has a label for. A <see cref="LinearClassifier"/> reuses the
/// cascade's normalised text.
/// </summary>
public sealed class ClassifierStage : IScreeningStage
{
    public ClassifierStage(ITextClassifier classifier, ClassifierStageOptions? options = null, string name = "classifier")
    {
        Classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        Options = options ?? new ClassifierStageOptions();
        Name = name;
    }

    public string Name { get; }

    public ITextClassifier Classifier { get; }

    public ClassifierStageOptions Options { get; }

    public IReadOnlyList<string> Categories => Classifier.Labels;

    public void Evaluate(ScreeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var labels = Classifier.Labels;
        var needed = false;
        foreach (var label in labels)
        {
            needed |= Options.OnlyEscalated ? context.IsEscalated(label) : context.IsOpen(label);
        }

        if (!needed)
        {
            return;
        }

        Span<float> scores = labels.Count <= 64 ? stackalloc float[labels.Count] : new float[labels.Count];
        if (context.Session is { } session && Classifier is LinearClassifier && !Options.ScoreSentences)
        {
            session.ScoreLinear(this, scores);
        }
        else if (Classifier is LinearClassifier linear && context.Session is null)
        {
            linear.ScoreNormalized(context.Normalize(linear.Normalizer).Utf8, scores);
        }
        else
        {
            Classifier.Score(context.Text.AsSpan(), scores);
        }

        if (Options.ScoreSentences && Classifier is LinearClassifier sentences)
        {
            MaxOverSentences(sentences, context.Text, scores);
        }

        for (var l = 0; l < labels.Count; l++)
        {
            var label = labels[l];
            if (Options.OnlyEscalated ? !context.IsEscalated(label) : !context.IsOpen(label))
            {
                continue;
            }

            var threshold = Options.ThresholdFor(label);
            var outcome = scores[l] >= threshold ? StageOutcome.Flag : StageOutcome.Clear;
            context.Record(Name, label, scores[l], outcome, string.Create(CultureInfo.InvariantCulture, $"p={scores[l]:0.####} threshold {threshold:0.###}"));
        }
    }

    /// <summary>
    /// Replaces each label's score by the highest any single sentence of <paramref name="text"/> gets, when the
    /// text has more than one sentence (and up to <see cref="ClassifierStageOptions.MaxSentences"/> are scored).
    /// The whole text's own score is dropped then: repeated harmless sentences would move it either way.
    /// </summary>
    private void MaxOverSentences(LinearClassifier linear, string text, Span<float> scores)
    {
        Span<float> sentence = scores.Length <= 64 ? stackalloc float[scores.Length] : new float[scores.Length];
        Span<float> best = scores.Length <= 64 ? stackalloc float[scores.Length] : new float[scores.Length];
        best.Clear();
        var start = 0;
        var count = 0;
        while (start < text.Length && count < Options.MaxSentences)
        {
            var end = text.AsSpan(start).IndexOfAny(SentenceEnds);
            end = end < 0 ? text.Length : start + end + 1;
            var piece = text.AsSpan(start, end - start);
            start = end;
            if (piece.Trim().Length == 0 || piece.Length == text.Length)
            {
                continue;
            }

            count++;
            linear.Score(piece, sentence);
            for (var l = 0; l < scores.Length; l++)
            {
                best[l] = Math.Max(best[l], sentence[l]);
            }
        }

        if (count > 0)
        {
            best.CopyTo(scores);
        }
    }

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create(".!?;\n\u3002\uFF01\uFF1F\u061F");
}
