namespace Tiergate.Safeguards.Matching;

/// <summary>One keyword or phrase: its category (e.g. <c>bio</c>), weight, and whether it must match whole words.</summary>
public sealed record Term(string Text, string Category, double Weight = 1.0, bool WholeWord = true);
