namespace Tiergate.Safeguards.Classification;

/// <summary>Precision, recall and F1 of one label at the evaluation threshold.</summary>
public sealed record LabelMetrics(string Label, int Support, double Precision, double Recall, double F1);
