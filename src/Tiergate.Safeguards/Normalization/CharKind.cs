namespace Tiergate.Safeguards.Normalization;

/// <summary>How the normaliser treats a folded code point.</summary>
internal enum CharKind : byte
{
    Separator = 0,
    Letter = 1,
    Digit = 2,
    LeetSymbol = 3,
}
