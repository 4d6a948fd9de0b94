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
        if (context.Session is { } session && Classifier is LinearClassifier)
        {
            session.ScoreLinear(this, scores);
        }
        else if (Classifier is LinearClassifier linear)
        {
            linear.ScoreNormalized(context.Normalize(linear.Normalizer).Utf8, scores);
        }
        else
        {
            Classifier.Score(context.Text.AsSpan(), scores);
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
}
