namespace Tiergate.Safeguards.Rules;

/// <summary>A term occurrence placed in words and characters of the normalised text (for distances).</summary>
internal readonly record struct RuleHit(int TermId, int StartWord, int EndWord, int StartChar, int EndChar);
