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
