using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Tests.Matching;

/// <summary>The anchored word-start scan finds exactly what the plain Aho-Corasick scan finds, in the same order.</summary>
public class AnchoredScanPropertyTests
{
    private static readonly string[] Words = ["foo", "bar", "baz", "oo", "fo", "ba", "a", "b", "foobar", "z"];

    private static readonly Lazy<TermMatcher> Nested = new(() => TermMatcher.Create(
    [
        new Term("foo", "x"), new Term("foo bar", "x"), new Term("bar", "y"), new Term("bar baz", "y"),
        new Term("foo bar baz", "z"), new Term("oo", "z"), new Term("a b", "x"), new Term("ba", "y"),
        new Term("b4z", "z", 2.0), new Term("FOO", "dup"), new Term("z z z", "x"),
    ]));

    /// <summary>No pattern of four bytes or fewer: the scan takes the 4-gram and pair tables.</summary>
    private static readonly Lazy<TermMatcher> Long = new(() => TermMatcher.Create(
    [
        new Term("fooba", "x"), new Term("foo bar", "x"), new Term("bar baz", "y"), new Term("foo bar baz", "z"),
        new Term("foobar", "z"), new Term("a b a b", "x"), new Term("b4z b4z", "y"), new Term("z z z", "x"), new Term("FOOBAR", "dup"),
    ]));

    public static Arbitrary<string> WordText()
    {
        const string separators = "  .-_,\t\n@$!|0134";
        var gen =
            from count in Gen.Choose(0, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            select Build(count, new Random(seed));
        return gen.ToArbitrary();

        static string Build(int count, Random random)
        {
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < count; i++)
            {
                var word = Words[random.Next(Words.Length)];
                sb.Append(random.Next(4) == 0 ? word.ToUpperInvariant() : word);
                sb.Append(separators[random.Next(separators.Length)]);
                if (random.Next(5) == 0)
                {
                    sb.Append(separators[random.Next(separators.Length)]);
                }
            }

            return sb.ToString();
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(AnchoredScanPropertyTests)])]
    public bool MatchNormalized_AnyText_AnchoredScanEqualsAhoCorasick(string text) => AnchoredScanAgrees(Nested.Value, text);

    [Property(MaxTest = 1000, Arbitrary = [typeof(AnchoredScanPropertyTests)])]
    public bool MatchNormalized_LongTermsAnyText_AnchoredScanEqualsAhoCorasick(string text) => AnchoredScanAgrees(Long.Value, text);

    [Fact]
    public void MatchNormalized_LongTerms_FindsThem()
    {
        var result = Long.Value.Match("x foo bar baz, FOOBAR and a b a b then z z z");

        Assert.Equal(7, result.DistinctTermCount);
    }

    [Fact]
    public void MatchNormalized_NestedTerms_ReportsInEndOrder()
    {
        var result = Nested.Value.Match("say foo bar baz now");

        var terms = result.DistinctTermIds.Select(id => Nested.Value.Terms[id].Text).ToArray();

        Assert.Equal(["foo", "FOO", "foo bar", "bar", "foo bar baz", "bar baz", "b4z"], terms);
    }

    [Fact]
    public void MatchUtf8_BufferWithoutSourceOffsets_FindsSameTerms()
    {
        var text = "x FOO  b.a.r baz y"u8;
        var tracked = new MatchAccumulator();
        var untracked = new MatchAccumulator();

        Nested.Value.MatchUtf8(text, new NormalizedText(8), tracked);
        Nested.Value.MatchUtf8(text, new NormalizedText(8, trackSourceOffsets: false), untracked);

        Assert.Equal(tracked.DistinctTermIds, untracked.DistinctTermIds);
        Assert.Equal(tracked.TotalMatches, untracked.TotalMatches);
    }

    [Fact]
    public void MatchNormalized_TermOfOneRepeatedLetter_MatchesLikeAhoCorasick()
    {
        // One byte class: the 4-gram bit set is smaller than one word (it once had no word at all).
        var fast = TermMatcher.Create([new Term("aaaaa", "x")]);
        var text = string.Join(' ', Enumerable.Repeat("aaaaa b aaaa aaaaaa", 12));

        var a = new MatchAccumulator();
        var b = new MatchAccumulator();
        fast.Match(text.AsSpan(), new NormalizedText(8), a);
        fast.WithoutAnchoredScan().Match(text.AsSpan(), new NormalizedText(8), b);

        Assert.Equal(12, a.TotalMatches);
        Assert.Equal(b.Matches, a.Matches);
    }

    /// <summary>The anchored scan reports exactly what plain Aho-Corasick reports, match for match.</summary>
    private static bool AnchoredScanAgrees(TermMatcher fast, string text)
    {
        var slow = fast.WithoutAnchoredScan();
        var a = new MatchAccumulator();
        var b = new MatchAccumulator();
        fast.Match(text.AsSpan(), new NormalizedText(8), a);
        slow.Match(text.AsSpan(), new NormalizedText(8), b);

        return a.DistinctTermIds.SequenceEqual(b.DistinctTermIds)
            && a.Matches.SequenceEqual(b.Matches)
            && a.TotalMatches == b.TotalMatches;
    }
}
