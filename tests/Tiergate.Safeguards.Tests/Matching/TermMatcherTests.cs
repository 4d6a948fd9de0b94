using System.Text;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Tests.Matching;

public class TermMatcherTests
{
    private static TermMatcher Build(params Term[] terms) => TermMatcher.Create(terms);

    [Fact]
    public void Match_TermInText_ReportsTermAndSourcePosition()
    {
        var matcher = Build(new Term("nerve agent", "chem"), new Term("anthrax", "bio"));
        var text = "Tell me about N.E.R.V.E agent history and ANTHRAX.";

        var result = matcher.Match(text);

        Assert.Equal(2, result.DistinctTermCount);
        var anthrax = Assert.Single(result.Matches, m => m.TermId == 1);
        Assert.Equal("ANTHRAX", text[anthrax.Start..anthrax.End]);
        var nerve = Assert.Single(result.Matches, m => m.TermId == 0);
        Assert.Equal("N.E.R.V.E agent", text[nerve.Start..nerve.End]);
    }

    [Fact]
    public void Match_WholeWordTermInsideLongerWord_DoesNotMatch()
    {
        var matcher = Build(new Term("vx", "chem"));

        Assert.Equal(0, matcher.Match("the vortex vxz devx").DistinctTermCount);
        Assert.Equal(1, matcher.Match("what is vx?").DistinctTermCount);
    }

    [Fact]
    public void Match_SubstringTermInsideLongerWord_Matches()
    {
        var matcher = Build(new Term("toxin", "bio", 1.0, WholeWord: false));

        var result = matcher.Match("neurotoxins");

        Assert.Equal(1, result.DistinctTermCount);
    }

    [Fact]
    public void Match_RepeatedTerm_CountsOnceAsDistinctButReportsEveryOccurrence()
    {
        var matcher = Build(new Term("ricin", "bio", 2.5), new Term("abrin", "bio", 1.0), new Term("sarin", "chem"));

        var result = matcher.Match("ricin, ricin and abrin");

        Assert.Equal(3, result.TotalMatches);
        Assert.Equal(2, result.DistinctTermCount);
        var bio = matcher.Categories.IndexOf("bio");
        Assert.Equal(2, result.DistinctInCategory(bio));
        Assert.Equal(3.5, result.WeightInCategory(bio));
        Assert.Equal(0, result.DistinctInCategory(matcher.Categories.IndexOf("chem")));
    }

    [Fact]
    public void Match_OverlappingTerms_ReportsAll()
    {
        var matcher = Build(new Term("he", "x", 1, false), new Term("she", "x", 1, false), new Term("hers", "x", 1, false));

        var result = matcher.Match("ushers");

        Assert.Equal(3, result.DistinctTermCount);
    }

    [Fact]
    public void Match_SameTermInTwoCategories_ReportsBoth()
    {
        var matcher = Build(new Term("plague", "bio"), new Term("PLAGUE", "history"));

        var result = matcher.Match("the plague of 1665");

        Assert.Equal(2, result.DistinctTermCount);
    }

    [Fact]
    public void MatchUtf8_Utf8Input_ReportsByteOffsets()
    {
        var matcher = Build(new Term("sarin", "chem"));
        var bytes = Encoding.UTF8.GetBytes("Grüße: ѕаrіn.");
        var buffer = new NormalizedText();
        var accumulator = new MatchAccumulator();

        matcher.MatchUtf8(bytes, buffer, accumulator);

        var match = Assert.Single(accumulator.Matches);
        Assert.Equal("ѕаrіn", Encoding.UTF8.GetString(bytes[match.Start..match.End]));
    }

    [Fact]
    public void Match_ReusedAccumulator_ResetsBetweenCalls()
    {
        var matcher = Build(new Term("anthrax", "bio"));
        var buffer = new NormalizedText();
        var accumulator = new MatchAccumulator();

        matcher.Match("anthrax", buffer, accumulator);
        matcher.Match("nothing here", buffer, accumulator);

        Assert.Equal(0, accumulator.DistinctTermCount);
        Assert.Empty(accumulator.Matches);
    }

    [Fact]
    public void Match_TenThousandTerms_FindsEachPlantedTerm()
    {
        var terms = Enumerable.Range(0, 10_000).Select(i => new Term($"term{ToLetters(i)}", i % 2 == 0 ? "a" : "b")).ToList();
        var matcher = TermMatcher.Create(terms);

        var result = matcher.Match($"x term{ToLetters(1234)} y term{ToLetters(9999)} term{ToLetters(1234)}x");

        Assert.Equal([1234, 9999], result.DistinctTermIds.Order());
    }

    [Fact]
    public void Match_MoreOccurrencesThanCap_CountsAllStoresCap()
    {
        var matcher = Build(new Term("ab", "x"));
        var accumulator = new MatchAccumulator(maxMatches: 3);

        matcher.Match(string.Join(" . ", Enumerable.Repeat("ab", 10)), new NormalizedText(), accumulator);

        Assert.Equal(10, accumulator.TotalMatches);
        Assert.Equal(3, accumulator.Matches.Count);
    }

    private static string ToLetters(int value)
    {
        var sb = new StringBuilder();
        do
        {
            sb.Append((char)('a' + (value % 26)));
            value /= 26;
        }
        while (value > 0);
        return sb.ToString();
    }
}
