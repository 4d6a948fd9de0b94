using System.Diagnostics;

namespace Tiergate.Safeguards.Classification;

/// <summary>Measures a classifier on labelled examples (accuracy, exact match, per-label precision/recall/F1, throughput).</summary>
public static class ClassifierEvaluator
{
    public static EvaluationReport Evaluate(ITextClassifier classifier, IReadOnlyList<LabeledExample> examples, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(examples);
        var labels = classifier.Labels;
        var truePositives = new int[labels.Count];
        var falsePositives = new int[labels.Count];
        var falseNegatives = new int[labels.Count];
        var support = new int[labels.Count];
        var scores = new float[labels.Count];
        var correct = 0;
        var exact = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var example in examples)
        {
            classifier.Score(example.Text.AsSpan(), scores);
            var best = 0;
            var allMatch = true;
            for (var l = 0; l < labels.Count; l++)
            {
                if (scores[l] > scores[best])
                {
                    best = l;
                }

                var predicted = scores[l] >= threshold;
                var actual = example.Labels.Contains(labels[l], StringComparer.Ordinal);
                support[l] += actual ? 1 : 0;
                truePositives[l] += predicted && actual ? 1 : 0;
                falsePositives[l] += predicted && !actual ? 1 : 0;
                falseNegatives[l] += !predicted && actual ? 1 : 0;
                allMatch &= predicted == actual;
            }

            exact += allMatch ? 1 : 0;
            var right = example.Labels.Count == 0
                ? scores[best] < threshold
                : example.Labels.Contains(labels[best], StringComparer.Ordinal);
            correct += right ? 1 : 0;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var metrics = new LabelMetrics[labels.Count];
        for (var l = 0; l < labels.Count; l++)
        {
            var precision = Ratio(truePositives[l], truePositives[l] + falsePositives[l]);
            var recall = Ratio(truePositives[l], truePositives[l] + falseNegatives[l]);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics[l] = new LabelMetrics(labels[l], support[l], precision, recall, f1);
        }

        var count = examples.Count;
        return new EvaluationReport(
            count,
            Ratio(correct, count),
            Ratio(exact, count),
            threshold,
            metrics,
            seconds,
            seconds > 0 ? count / seconds : 0);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
