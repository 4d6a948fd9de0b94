namespace Tiergate.Safeguards.Normalization;

/// <summary>Which obfuscation folds <see cref="TextNormalizer"/> applies on top of the Unicode folding.</summary>
public sealed record NormalizerOptions
{
    public static NormalizerOptions Default { get; } = new();

    /// <summary>Map leetspeak digits and symbols (<c>s4r1n</c>, <c>$arin</c>) to letters inside words that contain a letter.</summary>
    public bool FoldLeetspeak { get; init; } = true;

    /// <summary>Join runs of single letters separated by spacing or punctuation (<c>s.a.r.i.n</c>, <c>s a r i n</c>).</summary>
    public bool JoinSpacedLetters { get; init; } = true;

    /// <summary>Longest separator run (in code points) that still joins two single letters.</summary>
    public int MaxJoinSeparatorLength { get; init; } = 3;
}
