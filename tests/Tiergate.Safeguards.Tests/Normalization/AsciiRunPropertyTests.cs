using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Tests.Normalization;

/// <summary>The bulk ASCII-run path (UTF-8 into a buffer without source offsets) gives the slow path's output.</summary>
public class AsciiRunPropertyTests
{
    private static readonly string[] Pieces =
    [
        "sarin", "Ricin", "VX", "s4r1n", "2024", "42", "a", "I", "x", "b", "c", "@", "$", "!", "|", "$arin", "h@ck",
        " ", "  ", ".", ". ", " . ", "-", "_", ",", "\t", "\n", "'", "\"", "(", ")", "\u00E9", "\u0430", "\u200B", "\uFF33",
        "ab1", "1ab", "7h3", "x7", "0", "a.b.c", "s a r i n", "longwordwithoutspaces",
    ];

    public static Arbitrary<string> AsciiHeavyText()
    {
        var gen =
            from count in Gen.Choose(0, 60)
            from seed in Gen.Choose(0, int.MaxValue)
            select Build(count, new Random(seed));
        return gen.ToArbitrary();

        static string Build(int count, Random random)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                sb.Append(Pieces[random.Next(Pieces.Length)]);
            }

            if (random.Next(10) == 0)
            {
                sb.Append(new string('q', 120 + random.Next(20)) + "3" + new string('z', random.Next(10)));
            }

            return sb.ToString();
        }
    }

    /// <summary>Mostly words of letters and single spaces (the 32-byte chunk path), now and then something else.</summary>
    public static Arbitrary<(string Text, int Marker)> LetterText()
    {
        const string rare = "  .,-4@$!|\u00E9\n";
        var gen =
            from count in Gen.Choose(0, 40)
            from seed in Gen.Choose(0, int.MaxValue)
            select (Build(count, new Random(seed)), 0);
        return gen.ToArbitrary();

        static string Build(int count, Random random)
        {
            var sb = new StringBuilder();
            for (var w = 0; w < count; w++)
            {
                var length = random.Next(4) == 0 ? 1 : random.Next(2, 12);
                for (var k = 0; k < length; k++)
                {
                    var letter = (char)('a' + random.Next(26));
                    sb.Append(random.Next(6) == 0 ? char.ToUpperInvariant(letter) : letter);
                }

                sb.Append(random.Next(12) == 0 ? rare[random.Next(rare.Length)] : ' ');
            }

            return sb.ToString();
        }
    }

    /// <summary>Hostile spacing: single letters (and now and then digits, words, leet symbols) apart by 1-5 separators.</summary>
    public static Arbitrary<(string Text, long Marker)> SpacedLetterText()
    {
        const string separators = ".-_*/ ,;:\t\n'\"()";
        var gen =
            from count in Gen.Choose(0, 120)
            from seed in Gen.Choose(0, int.MaxValue)
            select (Build(count, new Random(seed)), 0L);
        return gen.ToArbitrary();

        static string Build(int count, Random random)
        {
            var sb = new StringBuilder();
            for (var w = 0; w < count; w++)
            {
                var r = random.Next(20);
                sb.Append(r switch
                {
                    0 => "ab",
                    1 => random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    2 => "@",
                    3 => "\u00E9",
                    _ => ((char)((random.Next(2) == 0 ? 'a' : 'A') + random.Next(26))).ToString(),
                });
                var gap = random.Next(1, random.Next(8) == 0 ? 6 : 3);
                for (var k = 0; k < gap; k++)
                {
                    sb.Append(separators[random.Next(separators.Length)]);
                }
            }

            return sb.ToString();
        }
    }

    [Property(MaxTest = 3000, Arbitrary = [typeof(AsciiRunPropertyTests)])]
    public bool NormalizeUtf8_SpacedLettersWithoutSourceOffsets_SameAsSlowPath((string Text, long Marker) sample)
    {
        var runs = new NormalizedText(8, trackSourceOffsets: false);
        TextNormalizer.Default.NormalizeUtf8(Encoding.UTF8.GetBytes(sample.Text), runs);
        var tracked = new NormalizedText(8);
        TextNormalizer.Default.NormalizeUtf8(Encoding.UTF8.GetBytes(sample.Text), tracked);

        return runs.ToString() == new TextNormalizer { AsciiFastPath = false }.Normalize(sample.Text) && runs.ToString() == tracked.ToString();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void NormalizeUtf8_SpacedLettersAnyJoinLimit_SameAsSlowPath(int maxJoin)
    {
        var options = new NormalizerOptions { MaxJoinSeparatorLength = maxJoin };
        const string text = "s.a.r.i.n s..a..r s...a...r s....a....r x y z. I am a b c; u-s-e 7 a 1 b";
        var runs = new NormalizedText(8, trackSourceOffsets: false);
        new TextNormalizer(options).NormalizeUtf8(Encoding.UTF8.GetBytes(text), runs);

        Assert.Equal(new TextNormalizer(options) { AsciiFastPath = false }.Normalize(text), runs.ToString());
        Assert.Equal(new TextNormalizer(options with { JoinSpacedLetters = false }) { AsciiFastPath = false }.Normalize(text), Run(options with { JoinSpacedLetters = false }, text));
    }

    private static string Run(NormalizerOptions options, string text)
    {
        var runs = new NormalizedText(8, trackSourceOffsets: false);
        new TextNormalizer(options).NormalizeUtf8(Encoding.UTF8.GetBytes(text), runs);
        return runs.ToString();
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(AsciiRunPropertyTests)])]
    public bool NormalizeUtf8_LetterTextWithoutSourceOffsets_SameAsSlowPath((string Text, int Marker) sample)
    {
        var runs = new NormalizedText(8, trackSourceOffsets: false);
        TextNormalizer.Default.NormalizeUtf8(Encoding.UTF8.GetBytes(sample.Text), runs);

        return runs.ToString() == new TextNormalizer { AsciiFastPath = false }.Normalize(sample.Text);
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(AsciiRunPropertyTests)])]
    public bool NormalizeUtf8_WithoutSourceOffsets_SameAsSlowPath(string text)
    {
        var slow = new TextNormalizer { AsciiFastPath = false };
        var runs = new NormalizedText(8, trackSourceOffsets: false);
        TextNormalizer.Default.NormalizeUtf8(Encoding.UTF8.GetBytes(text), runs);
        var tracked = new NormalizedText(8);
        TextNormalizer.Default.NormalizeUtf8(Encoding.UTF8.GetBytes(text), tracked);

        // Known, older than this path: a word of 128+ letters/digits is cut at the writer's token capacity on the
        // slow path (leet digits after the cut are judged alone), not on the ASCII fast path. So the run path is
        // compared with the fast path always, and with the slow path when no such word occurs.
        var longWord = System.Text.RegularExpressions.Regex.Split(text, "[^A-Za-z0-9]").Any(w => w.Length >= 120);
        return runs.ToString() == tracked.ToString() && (longWord || runs.ToString() == slow.Normalize(text));
    }

    [Theory]
    [InlineData("Hello, World 2024!  s4r1n and $arin; a b c d; x7 7h3")]
    [InlineData("  leading and trailing  ")]
    [InlineData("s.a.r.i.n is S A R I N")]
    public void NormalizeUtf8_WithoutSourceOffsets_Examples(string text)
    {
        var runs = new NormalizedText(8, trackSourceOffsets: false);
        TextNormalizer.Default.NormalizeUtf8(Encoding.UTF8.GetBytes(text), runs);

        Assert.Equal(new TextNormalizer { AsciiFastPath = false }.Normalize(text), runs.ToString());
    }
}
