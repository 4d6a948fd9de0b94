namespace Tiergate.Safeguards.Screening;

/// <summary>A distinct term that matched, with its first occurrence in the source text (<c>[Start, End)</c>).</summary>
public sealed record MatchedTerm(string Text, double Weight, int Start, int End, int Occurrences);
