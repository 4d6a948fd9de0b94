using System.Text;
using System.Text.Json.Nodes;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Tests;

/// <summary>The request parser and the body the upstream receives, without a server.</summary>
public sealed class ChatRequestTests
{
    [Theory]
    [InlineData("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"messages":[{"role":"user","content":"other"}]}""")]
    [InlineData("""{"model":"standard","model":"reduced-refusal","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"standard","messages":[{"role":"user","content":"hi","content":"other"}]}""")]
    public void Parse_RepeatedKey_IsRefused(string body)
    {
        // Screening and the model must read the same prompt: no parser may pick another copy.
        var error = Assert.Throws<TiergateException>(() => ChatRequest.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Fact]
    public void ForUpstream_Streamed_RenamesModelForcesUsageAndAddsBudgetKeepingTheRest()
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes(
            """{"model":"standard","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"extra":1},"temperature":0.5,"max_tokens":null}"""));

        var sent = JsonNode.Parse(request.ForUpstream("upstream-name", 77))!.AsObject();

        Assert.Equal("upstream-name", (string?)sent["model"]);
        Assert.True((bool)sent["stream_options"]!["include_usage"]!);
        Assert.Equal(1, (int)sent["stream_options"]!["extra"]!);
        Assert.Equal(77, (int)sent["max_tokens"]!);
        Assert.Equal(0.5, (double)sent["temperature"]!);
        Assert.Equal("hi", (string?)sent["messages"]![0]!["content"]);
        Assert.False(request.ClientWantsUsage);
    }

    [Fact]
    public void ForUpstream_ClientBudget_IsKeptAndNotStreamedHasNoStreamOptions()
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes(
            """{"model":"standard","messages":[{"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}]}],"max_tokens":5}"""));

        var sent = JsonNode.Parse(request.ForUpstream("upstream-name", 77))!.AsObject();

        Assert.Equal(5, (int)sent["max_tokens"]!);
        Assert.False(sent.ContainsKey("stream_options"));
        Assert.Equal("part one\npart two", request.Prompt);
    }

    [Theory]
    [InlineData("\"stream\":1", "stream")]
    [InlineData("\"stream\":\"true\"", "stream")]
    [InlineData("\"stream\":[true]", "stream")]
    [InlineData("\"stream\":true,\"stream_options\":\"yes\"", "stream_options")]
    [InlineData("\"stream\":true,\"stream_options\":{\"include_usage\":1}", "stream_options.include_usage")]
    public void Parse_StreamNotABoolean_IsRefusedNamingTheParameter(string field, string param)
    {
        var body = "{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + field + "}";

        var error = Assert.Throws<TiergateException>(() => ChatRequest.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData("\"stream\":false", false)]
    [InlineData("\"stream\":null", false)]
    [InlineData("\"stream\":true,\"stream_options\":null", true)]
    public void Parse_StreamBooleanOrNull_Accepted(string field, bool stream)
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes("{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + field + "}"));

        Assert.Equal(stream, request.Stream);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("text \\uDFFF more")]
    [InlineData("\\ude00\\ud83d")]
    public void Parse_LoneSurrogateEscape_IsRefused(string content)
    {
        var body = "{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";

        var error = Assert.Throws<TiergateException>(() => ChatRequest.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Theory]
    [InlineData("{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"\\ud800\":1}")]
    [InlineData("{\"\\udc00\":1,\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")]
    public void Parse_LoneSurrogateEscapeInAPropertyName_IsRefusedNotACrash(string body)
    {
        // Found by RequestFuzzTests: the duplicate-key check decodes names and threw InvalidOperationException (a 500).
        var error = Assert.Throws<TiergateException>(() => ChatRequest.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Theory]
    [InlineData("\\ud83d\\ude00 a pair is text", "\U0001F600 a pair is text")]
    [InlineData("a literal backslash: \\\\ud800", "a literal backslash: \\ud800")]
    public void Parse_PairedOrLiteralEscape_Accepted(string content, string text)
    {
        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes("{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"));

        Assert.Equal(text, request.Prompt);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"xx\"}]}");
        body[^6] = 0xC3; // a lead byte followed by an ASCII byte

        var error = Assert.Throws<TiergateException>(() => ChatRequest.Parse(body));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }
}
