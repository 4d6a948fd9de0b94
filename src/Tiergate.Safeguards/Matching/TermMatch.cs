namespace Tiergate.Safeguards.Matching;

/// <summary>An occurrence of term <see cref="TermId"/> at <c>[Start, End)</c> of the source text (UTF-16 units or UTF-8 bytes, as given).</summary>
public readonly record struct TermMatch(int TermId, int Start, int End);
