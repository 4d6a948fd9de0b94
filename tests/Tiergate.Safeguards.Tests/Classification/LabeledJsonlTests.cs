using Tiergate.Safeguards.Classification;

namespace Tiergate.Safeguards.Tests.Classification;

public class LabeledJsonlTests
{
    [Fact]
    public void Read_StringArrayAndMissingLabels_ReadsAll()
    {
        var text = """
            {"t":"one","l":"bio"}
            {"t":"two","l":["chem","cyber"]}

            {"t":"three","l":null}
            {"t":"four","meta":{"x":1}}
            """;

        var examples = LabeledJsonl.Read(new StringReader(text), "t", "l");

        Assert.Equal(4, examples.Count);
        Assert.Equal(["bio"], examples[0].Labels);
        Assert.Equal(["chem", "cyber"], examples[1].Labels);
        Assert.Empty(examples[2].Labels);
        Assert.Empty(examples[3].Labels);
    }

    [Fact]
    public void Read_NestedField_WalksObjects()
    {
        var examples = LabeledJsonl.Read(new StringReader("""{"doc":{"body":"hi"},"meta":{"label":"x"}}"""), "doc.body", "meta.label");

        Assert.Equal("hi", Assert.Single(examples).Text);
        Assert.Equal(["x"], examples[0].Labels);
    }

    [Fact]
    public void Read_BadLines_ReportsLineNumbersWithCode()
    {
        var error = Assert.Throws<SafeguardsException>(() => LabeledJsonl.Read(new StringReader("{\"t\":1}\nnot json\n"), "t", "l", "f.jsonl"));

        Assert.Equal(SafeguardsErrorCodes.InvalidTrainingData, error.Code);
        Assert.Contains("f.jsonl:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("f.jsonl:2", error.Message, StringComparison.Ordinal);
    }
}
