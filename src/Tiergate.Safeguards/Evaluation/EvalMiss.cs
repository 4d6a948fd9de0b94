namespace Tiergate.Safeguards.Evaluation;

/// <summary>An item the screening got wrong in one form: a harmful one not blocked, or a benign one blocked.</summary>
public sealed record EvalMiss(string Id, string Form, string Kind, string Category, string Lang, string Verdict, string Text);
