namespace Tiergate.Safeguards.Classification;

/// <summary>A training or evaluation text with its labels (none = negative for every label).</summary>
public sealed record LabeledExample(string Text, IReadOnlyList<string> Labels);
