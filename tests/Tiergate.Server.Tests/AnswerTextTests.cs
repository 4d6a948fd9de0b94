using System.Text;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Tests;

/// <summary>Every string the model returns reaches output screening, one text per choice, field and tool call.</summary>
public sealed class AnswerTextTests
{
    private const string Secret = "zebra quartz violin";

    [Theory]
    [InlineData("{\"message\":{\"content\":\"@\"}}")]
    [InlineData("{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"@\"}]}}")]
    [InlineData("{\"message\":{\"tool_calls\":[{\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"q\\\":\\\"@\\\"}\"}}]}}")]
    [InlineData("{\"message\":{\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"@\",\"arguments\":\"{}\"}}]}}")]
    [InlineData("{\"message\":{\"function_call\":{\"name\":\"f\",\"arguments\":\"@\"}}}")]
    [InlineData("{\"message\":{\"reasoning_content\":\"@\"}}")]
    [InlineData("{\"message\":{\"reasoning\":\"@\"}}")]
    [InlineData("{\"message\":{\"refusal\":\"@\"}}")]
    [InlineData("{\"text\":\"@\"}")]
    [InlineData("{\"message\":{\"audio\":{\"transcript\":\"@\"}}}")]
    [InlineData("{\"message\":{\"vendor_field\":{\"deep\":[\"@\"]}}}")]
    public void Of_FieldCarriesText_TextIsScreened(string choice)
    {
        var texts = Texts($"{{\"choices\":[{{\"index\":0,\"message\":{{\"content\":\"hello\"}}}},{choice.Replace("@", Secret, StringComparison.Ordinal)}]}}");

        Assert.Contains(texts, t => t.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Of_LogprobTokens_JoinedPerChoiceAndAlternativesScreenedAlone()
    {
        var texts = Texts("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"\"},\"logprobs\":{\"content\":["
            + "{\"token\":\"zeb\",\"logprob\":0,\"bytes\":[1],\"top_logprobs\":[{\"token\":\"qua\",\"logprob\":0}]},"
            + "{\"token\":\"ra\",\"logprob\":0,\"top_logprobs\":[{\"token\":\"rtz\",\"logprob\":0}]}],"
            + "\"refusal\":[{\"token\":\"vio\"},{\"token\":\"lin\"}]}}]}");

        Assert.Contains("zebra", texts);
        Assert.Contains("violin", texts);
        Assert.DoesNotContain(texts, t => t.Contains("quartz", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("qua\n", StringComparison.Ordinal) && t.Contains("rtz\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_SeveralChoicesAndToolCalls_OneTextEachNeverJoined()
    {
        var texts = Texts("{\"choices\":["
            + "{\"message\":{\"content\":\"zeb\",\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"qu\"}},{\"index\":0,\"function\":{\"arguments\":\"artz\"}}]},\"index\":0},"
            + "{\"index\":1,\"message\":{\"content\":\"ra\"}}]}");

        Assert.Contains("zeb", texts);
        Assert.Contains("ra", texts);
        Assert.Contains("qu", texts);
        Assert.Contains("artz", texts);
        Assert.DoesNotContain(texts, t => t.Contains("zebra", StringComparison.Ordinal) || t.Contains("quartz", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_ModelAndSystemFingerprint_NotScreenedButFoundForReplacement()
    {
        var splices = new List<JsonSplice>();
        var json = "{\"model\":\"secret-upstream\",\"system_fingerprint\":\"fp_1\",\"choices\":[]}"u8.ToArray();

        var texts = AnswerText.Of(json, splices)!;

        Assert.DoesNotContain(texts, t => t.Contains("secret-upstream", StringComparison.Ordinal));
        Assert.Equal([true, false], splices.Select(s => s.IsModel));
        Assert.Equal("\"secret-upstream\"", Encoding.UTF8.GetString(json.AsSpan(splices[0].Start, splices[0].Length)));
    }

    [Fact]
    public void Of_TopLevelFieldsOfEveryType_Read()
    {
        var texts = Texts("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"usage\":{\"prompt_tokens\":1},\"vendor\":\"zebra\",\"choices\":[{\"index\":0,\"finish_reason\":null,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}");

        Assert.Contains("hi", texts);
        Assert.Contains("zebra", texts);
        Assert.Contains(texts, t => t.Contains("c1\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("{\"choices\":{}}")]
    [InlineData("{\"choices\":[\"text\"]}")]
    [InlineData("{\"choices\":[{\"message\":\"text\"}]}")]
    [InlineData("{\"choices\":[]} {\"choices\":[]}")]
    [InlineData("{\"choices\":[{\"message\":{\"content\":\"\\ud800\"}}]}")]
    public void Of_NotACompletion_Null(string answer)
    {
        Assert.Null(AnswerText.Of(Encoding.UTF8.GetBytes(answer), []));
    }

    private static IReadOnlyList<string> Texts(string json) => AnswerText.Of(Encoding.UTF8.GetBytes(json), [])!;
}
