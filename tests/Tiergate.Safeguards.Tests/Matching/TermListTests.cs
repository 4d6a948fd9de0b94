using Tiergate.Safeguards.Matching;

namespace Tiergate.Safeguards.Tests.Matching;

public class TermListTests
{
    [Fact]
    public void Parse_ValidLines_ReadsTermsCategoriesWeights()
    {
        var text = "# comment\nanthrax\tbio\t2\n\nplague\n toxin \tbio\t1\tsubstring\n";

        var terms = TermList.Parse(new StringReader(text), "default");

        Assert.Equal(
            [new Term("anthrax", "bio", 2), new Term("plague", "default"), new Term("toxin", "bio", 1, false)],
            terms);
    }

    [Fact]
    public void Parse_BadWeightAndMissingCategory_ReportsEveryErrorWithCode()
    {
        var text = "a\tbio\tx\nb\n";

        var error = Assert.Throws<SafeguardsException>(() => TermList.Parse(new StringReader(text), source: "t.tsv"));

        Assert.Equal(SafeguardsErrorCodes.InvalidTermList, error.Code);
        Assert.Contains("t.tsv:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("t.tsv:2", error.Message, StringComparison.Ordinal);
    }
}
