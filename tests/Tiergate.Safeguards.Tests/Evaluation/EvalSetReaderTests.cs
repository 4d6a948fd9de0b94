using Tiergate.Safeguards.Evaluation;

namespace Tiergate.Safeguards.Tests.Evaluation;

public class EvalSetReaderTests
{
    private static IReadOnlyList<EvalItem> Read(string jsonl, IReadOnlyCollection<string>? categories = null) =>
        EvalSetReader.Read(new StringReader(jsonl), "set.jsonl", categories);

    [Fact]
    public void Read_TextLine_IsOneUserMessageWithDefaults()
    {
        var item = Assert.Single(Read("""{"text":"how is anthrax treated","kind":"benign","category":"bio"}"""));

        Assert.Equal(("line 1", EvalKind.Benign, "bio", "und", false), (item.Id, item.Kind, item.Category, item.Lang, item.IsConversation));
        var message = Assert.Single(item.Messages);
        Assert.Equal(("user", false), (message.Role, message.AsParts));
        Assert.Equal(["how is anthrax treated"], message.Texts);
    }

    [Fact]
    public void Read_MessagesLine_KeepsRolesAndTextParts()
    {
        var item = Assert.Single(Read(
            """{"id":"c1","kind":"harmful","category":"chem","lang":"en","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},{"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]}]}"""));

        Assert.Equal(("c1", EvalKind.Harmful, "en", true), (item.Id, item.Kind, item.Lang, item.IsConversation));
        Assert.Equal(["user", "assistant", "user"], item.Messages.Select(m => m.Role));
        Assert.True(item.Messages[2].AsParts);
        Assert.Equal(["part one", "part two"], item.Messages[2].Texts);
        Assert.Equal("part two", item.LastUserText());
    }

    [Fact]
    public void Read_BadLines_ReportsEveryOneWithItsLineNumber()
    {
        const string jsonl = """
            {"text":"a","kind":"evil","category":"bio"}
            not json
            {"kind":"benign","category":"bio"}

            {"text":"b","kind":"benign"}
            {"text":"c","messages":[],"kind":"benign","category":"bio"}
            {"messages":[{"content":"x"}],"kind":"benign","category":"bio"}
            {"text":"d","kind":"benign","category":"space"}
            {"id":"x","text":"e","kind":"benign","category":"bio"}
            {"id":"x","text":"f","kind":"benign","category":"bio"}
            """;

        var error = Assert.Throws<SafeguardsException>(() => Read(jsonl, ["bio", "chem"]));

        Assert.Equal(SafeguardsErrorCodes.InvalidEvalSet, error.Code);
        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(["set.jsonl:1", "set.jsonl:2", "set.jsonl:3", "set.jsonl:5", "set.jsonl:6", "set.jsonl:7", "set.jsonl:8", "set.jsonl:10"], lines.Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Contains("unknown kind 'evil'", lines[0]);
        Assert.Contains("unknown category 'space'", lines[6]);
        Assert.Contains("appears twice", lines[7]);
    }

    [Fact]
    public void Read_EmptyInput_IsAnError()
    {
        var error = Assert.Throws<SafeguardsException>(() => Read("\n\n"));

        Assert.Equal(SafeguardsErrorCodes.InvalidEvalSet, error.Code);
    }

    [Fact]
    public void Read_MissingFile_IsAnIoError()
    {
        var error = Assert.Throws<SafeguardsException>(() => EvalSetReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jsonl")));

        Assert.Equal(SafeguardsErrorCodes.IoError, error.Code);
    }
}
