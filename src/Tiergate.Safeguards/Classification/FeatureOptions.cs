namespace Tiergate.Safeguards.Classification;

/// <summary>Hashed features of the linear classifier (fastText-style word n-grams and character n-grams).</summary>
public sealed record FeatureOptions
{
    /// <summary>Number of hash buckets; a power of two.</summary>
    public int Buckets { get; init; } = 1 << 18;

    /// <summary>Longest word n-gram (1 = words only, 2 = words and bigrams).</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Shortest character n-gram over <c>&lt;word&gt;</c>; 0 disables character n-grams.</summary>
    public int CharNgramMin { get; init; } = 3;

    /// <summary>Longest character n-gram.</summary>
    public int CharNgramMax { get; init; } = 5;

    /// <summary>Text longer than this many normalised bytes is truncated before featurisation.</summary>
    public int MaxBytes { get; init; } = 1 << 20;

    internal void Validate()
    {
        if (Buckets <= 0 || (Buckets & (Buckets - 1)) != 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, $"buckets: {Buckets} is not a power of two");
        }

        if (WordNgrams is < 1 or > 3)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, $"wordNgrams: {WordNgrams} is not in 1..3");
        }

        if (CharNgramMin < 0 || CharNgramMax > 8 || (CharNgramMin > 0 && CharNgramMax < CharNgramMin))
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, $"charNgrams: {CharNgramMin}..{CharNgramMax} is not a valid range within 0..8");
        }
    }
}
