namespace Tiergate.Safeguards.Classification;

/// <summary>
/// Result of <see cref="ClassifierEvaluator.Evaluate"/>. <see cref="Accuracy"/> is top-1: an example with
/// labels is right when its best-scoring label is one of them; an example without labels is right
/// when no label reaches the threshold. <see cref="ExactMatch"/> compares the thresholded label set.
/// </summary>
public sealed record EvaluationReport(
    int Examples,
    double Accuracy,
    double ExactMatch,
    double Threshold,
    IReadOnlyList<LabelMetrics> Labels,
    double Seconds,
    double ExamplesPerSecond);
