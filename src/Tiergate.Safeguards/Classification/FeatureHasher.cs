namespace Tiergate.Safeguards.Classification;

/// <summary>
/// Extracts hashed features from normalised UTF-8 (words separated by single spaces): words,
/// word n-grams up to <see cref="FeatureOptions.WordNgrams"/>, and character n-grams of
/// <c>&lt;word&gt;</c>. Feature hashing is FNV-1a, with a distinct seed per feature kind.
/// Each word gives its character n-grams first (by start position) and then its word n-grams, so
/// every feature comes out as soon as the bytes it depends on are known: a text that arrives in
/// pieces (<see cref="FeatureStream"/>) sums the same features in the same order, to the same float.
/// </summary>
internal static class FeatureHasher
{
    internal const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong BigramMultiplier = 116049371UL;
    private const ulong CharSeed = 0x9E3779B97F4A7C15UL;

    public static void Extract<TSink>(ReadOnlySpan<byte> text, FeatureOptions options, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        if (text.Length > options.MaxBytes)
        {
            text = text[..options.MaxBytes];
        }

        var mask = (ulong)(options.Buckets - 1);
        var words = default(WordHistory);
        var start = 0;
        while (start < text.Length)
        {
            var end = text[start..].IndexOf((byte)' ');
            end = end < 0 ? text.Length : start + end;
            var word = text[start..end];
            if (options.CharNgramMin > 0)
            {
                CharNgrams(word, 0, word.Length + 2, options.CharNgramMin, options.CharNgramMax, mask, ref sink);
            }

            WordNgrams(Fnv(FnvOffset, word), options, mask, ref words, ref sink);
            start = end + 1;
        }
    }

    /// <summary>The word's own feature and its word n-grams with the words before it; then it becomes history.</summary>
    internal static void WordNgrams<TSink>(ulong hash, FeatureOptions options, ulong mask, ref WordHistory words, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        sink.OnFeature((int)(Mix(hash) & mask));
        if (options.WordNgrams >= 2 && words.Count >= 1)
        {
            sink.OnFeature((int)(Mix((words.Previous1 * BigramMultiplier) + hash) & mask));
        }

        if (options.WordNgrams >= 3 && words.Count >= 2)
        {
            sink.OnFeature((int)(Mix((((words.Previous2 * BigramMultiplier) + words.Previous1) * BigramMultiplier) + hash) & mask));
        }

        words.Previous2 = words.Previous1;
        words.Previous1 = hash;
        words.Count++;
    }

    /// <summary>
    /// Character n-grams of <c>'&lt;' word '&gt;'</c> starting at positions <c>[from, to)</c> (position 0 is
    /// <c>'&lt;'</c>). <paramref name="word"/> may be the start of a longer word when no n-gram asked for
    /// reaches past it: then the n-grams are those of the whole word.
    /// </summary>
    internal static void CharNgrams<TSink>(ReadOnlySpan<byte> word, int from, int to, int min, int max, ulong mask, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        // Positions run over '<' word '>' without materialising it.
        var length = word.Length + 2;
        for (var i = from; i < to; i++)
        {
            var hash = FnvOffset ^ CharSeed;
            var upper = Math.Min(length, i + max);
            for (var j = i; j < upper; j++)
            {
                var b = j == 0 ? (byte)'<' : j == length - 1 ? (byte)'>' : word[j - 1];
                hash = (hash ^ b) * FnvPrime;
                var n = j - i + 1;
                if (n >= min && !(n == 1 && (j == 0 || j == length - 1)))
                {
                    sink.OnFeature((int)(Mix(hash) & mask));
                }
            }
        }
    }

    /// <summary>FNV-1a of <paramref name="bytes"/>, continued from <paramref name="hash"/> (<see cref="FnvOffset"/> to start).</summary>
    internal static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        return x;
    }
}
