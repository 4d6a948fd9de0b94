namespace Tiergate.Safeguards.Evaluation;

/// <summary>One harmless change to a harmful item (<see cref="Change"/>) that changed its verdict.</summary>
public sealed record WobbleCase(string Id, string Category, string Lang, string Change, string PlainVerdict, string ChangedVerdict, string Text);
