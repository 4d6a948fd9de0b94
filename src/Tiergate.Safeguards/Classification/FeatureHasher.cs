namespace Tiergate.Safeguards.Classification;

/// <summary>
/// Extracts hashed features from normalised UTF-8 (words separated by single spaces): words,
/// word n-grams up to <see cref="FeatureOptions.WordNgrams"/>, and character n-grams of
/// <c>&lt;word&gt;</c>. Feature hashing is FNV-1a, with a distinct seed per feature kind.
/// </summary>
internal static class FeatureHasher
{
    private const ulong FnvOffset = 14695981039346656037UL;
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
        ulong previous1 = 0;
        ulong previous2 = 0;
        var wordIndex = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text[start..].IndexOf((byte)' ');
            end = end < 0 ? text.Length : start + end;
            var word = text[start..end];
            var hash = Fnv(word);
            sink.OnFeature((int)(Mix(hash) & mask));
            if (options.WordNgrams >= 2 && wordIndex >= 1)
            {
                sink.OnFeature((int)(Mix((previous1 * BigramMultiplier) + hash) & mask));
            }

            if (options.WordNgrams >= 3 && wordIndex >= 2)
            {
                sink.OnFeature((int)(Mix((((previous2 * BigramMultiplier) + previous1) * BigramMultiplier) + hash) & mask));
            }

            if (options.CharNgramMin > 0)
            {
                CharNgrams(word, options.CharNgramMin, options.CharNgramMax, mask, ref sink);
            }

            previous2 = previous1;
            previous1 = hash;
            wordIndex++;
            start = end + 1;
        }
    }

    private static void CharNgrams<TSink>(ReadOnlySpan<byte> word, int min, int max, ulong mask, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        // Positions run over '<' word '>' without materialising it.
        var length = word.Length + 2;
        for (var i = 0; i < length; i++)
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

    private static ulong Fnv(ReadOnlySpan<byte> bytes)
    {
        var hash = FnvOffset;
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
