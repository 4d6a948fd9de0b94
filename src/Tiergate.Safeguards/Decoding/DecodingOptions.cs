namespace Tiergate.Safeguards.Decoding;

/// <summary>Which disguises <see cref="DecodingStage"/> undoes, and the bounds that keep hostile input cheap.</summary>
public sealed record DecodingOptions
{
    /// <summary>Only this many chars of a text are decoded (the rest is screened as it is by the other stages).</summary>
    public int MaxInputChars { get; init; } = 32 * 1024;

    /// <summary>At most this many decoded variants are screened per text.</summary>
    public int MaxVariants { get; init; } = 12;

    /// <summary>Decoding applied to a decoded variant again (base64 of rot13 is depth 2).</summary>
    public int MaxDepth { get; init; } = 2;

    /// <summary>All variants together may hold at most this many chars (a multiple of the input's length).</summary>
    public int MaxTotalFactor { get; init; } = 6;

    public bool Base64 { get; init; } = true;

    public bool Hex { get; init; } = true;

    public bool UrlEncoding { get; init; } = true;

    public bool HtmlEntities { get; init; } = true;

    public bool Rot13 { get; init; } = true;

    public bool Reversed { get; init; } = true;

    /// <summary>Letters split by hyphens, underscores, asterisks, dots or line breaks joined again ("an-thrax", "an\nthrax").</summary>
    public bool JoinBrokenWords { get; init; } = true;

    /// <summary>Letters spelt out one space apart, words a few spaces apart, read as words again.</summary>
    public bool SpacedLetters { get; init; } = true;

    /// <summary>Capital Cyrillic and Greek lookalikes read as Latin inside words that hold Latin letters.</summary>
    public bool Lookalikes { get; init; } = true;

    /// <summary>Misspellings of listed terms (edit distance 1, words of five letters or more) corrected to the term.</summary>
    public bool Misspellings { get; init; } = true;
}
