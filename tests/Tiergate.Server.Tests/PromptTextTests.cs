using System.Text;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Server.Gateway;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.Tests;

/// <summary>What input screening reads of a request: every field the model sees, once, and nothing it cannot read.</summary>
public sealed class PromptTextTests
{
    private const string Secret = "zebra-quartz";

    private static ChatRequest Parse(string json) => ChatRequest.Parse(Encoding.UTF8.GetBytes(json));

    private static string Messages(string message) => $$"""{"model":"standard","messages":[{{message}}]}""";

    private static string WithParameter(string parameter) => $$"""{"model":"standard","messages":[{"role":"user","content":"hi"}],{{parameter}}}""";

    [Fact]
    public void LastUserTurn_HistoryBeforeIt_IsThatMessageAlonePartsJoined()
    {
        using var request = Parse("""
            {"model":"standard","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":"first question"},
              {"role":"assistant","content":"first answer"},
              {"content":[{"type":"text","text":"part one"},{"type":"text","text":"part two"}],"role":"user","name":"ann"},
              {"role":"assistant","content":"second answer"}]}
            """);

        Assert.Equal("part one\npart two\nann", request.Contents.LastUserTurn);
    }

    /// <summary>A role name outside OpenAI's is screened as text of its message, so it opens the turn.</summary>
    [Theory]
    [InlineData("User", "User\nthe question")]
    [InlineData("human", "human\nthe question")]
    [InlineData("\\u0075ser", "the question")]
    public void LastUserTurn_OtherSpellingsOfTheUser_CountAsTheUsers(string role, string turn)
    {
        using var request = Parse(Messages($$"""{"role":"system","content":"Be brief."},{"role":"{{role}}","content":"the question"},{"role":"assistant","content":"ok"}"""));

        Assert.Equal(turn, request.Contents.LastUserTurn);
    }

    [Theory]
    [InlineData("""{"role":"user","content":"only this"}""")]
    [InlineData("""{"role":"system","content":"no user"},{"role":"assistant","content":"at all"}""")]
    [InlineData("""{"role":"user","content":""},{"role":"assistant","content":"empty turn"}""")]
    public void LastUserTurn_NothingBesideIt_Null(string messages)
    {
        using var request = Parse(Messages(messages));

        Assert.Null(request.Contents.LastUserTurn);
    }

    [Theory]
    [MemberData(nameof(TextFields.Names), MemberType = typeof(TextFields))]
    [MemberData(nameof(TextFields.Extensions), MemberType = typeof(TextFields))]
    public void Prompt_TextInField_IsRead(string field)
    {
        using var request = Parse(TextFields.Body(field, Secret));

        Assert.True(request.Prompt.Contains(Secret, StringComparison.Ordinal), $"{field}: '{request.Prompt}'");
    }

    [Fact]
    public void Prompt_ParameterNameWrittenWithEscapes_ReadAsTheParameterItIs()
    {
        // The upstream decodes "\u0074ools" to tools: so must the gateway, or it would screen the wrong way.
        using var request = Parse("{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"\\u0074ools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"" + Secret + "\"}}]}");

        Assert.Contains(Secret, request.Prompt, StringComparison.Ordinal);
        Assert.Empty(request.Contents.Extensions);
    }

    [Fact]
    public void Parse_SameParameterPlainAndEscaped_RefusedAsARepeatedKey()
    {
        var error = Assert.Throws<TiergateException>(() => Parse("{\"model\":\"standard\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":\"a\",\"\\u0073top\":\"b\"}"));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Fact]
    public void Prompt_OneStringMessage_IsThatStringNotACopy()
    {
        using var request = Parse(Messages("""{"role":"user","content":"just this"}"""));

        Assert.Equal("just this", request.Prompt);
        Assert.Equal((16 + 9 + 3) / 4, request.PromptTokens);
    }

    [Fact]
    public void Prompt_FileData_IsNotReadButItsNameIs()
    {
        using var request = Parse(Messages("""{"role":"user","content":[{"type":"file","file":{"file_data":"JVBERi0xLjQ=","filename":"report.pdf"}}]}"""));

        Assert.Equal("filename\nreport.pdf", request.Prompt);
        Assert.Equal(1, request.Contents.Media.Files);
    }

    [Fact]
    public void Prompt_SeveralFields_JoinedByNewlinesInBodyOrder()
    {
        using var request = Parse("""{"model":"standard","messages":[{"role":"system","content":"one"},{"role":"user","name":"two","content":"three"}],"stop":"four"}""");

        Assert.Equal("one\ntwo\nthree\nfour", request.Prompt);
    }

    [Fact]
    public void Prompt_ImagePayload_IsNotReadButCountedAndTextPartsAre()
    {
        using var request = Parse(Messages("""{"role":"user","content":[{"type":"text","text":"what is this"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}},{"type":"image_url","image_url":{"url":"https://example.org/x.png"}}]}"""));

        Assert.Equal("what is this\ndetail\nlow\nurl\nhttps://example.org/x.png", request.Prompt); // the data: URL is bytes, not read
        Assert.Equal(2, request.Contents.Media.Images);
        Assert.Equal("image=2", request.Contents.Media.Describe());
    }

    [Fact]
    public void Prompt_AudioInputAndOutput_CountedNotRead()
    {
        using var request = Parse("""{"model":"standard","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}],"modalities":["text","audio"],"audio":{"voice":"alloy","format":"wav"}}""");

        Assert.DoesNotContain("UklGRg==", request.Prompt, StringComparison.Ordinal); // the audio's bytes are not read
        Assert.Contains("alloy", request.Prompt, StringComparison.Ordinal); // its settings are
        Assert.Equal("audio=1,audio_output", request.Contents.Media.Describe());
    }

    [Fact]
    public void Prompt_OnlyText_DescribesNothingUnscreened()
    {
        using var request = Parse(Messages("""{"role":"user","content":[{"type":"text","text":"a"}]}"""));

        Assert.Null(request.Contents.Media.Describe());
    }

    [Theory]
    [InlineData("""{"role":"user","content":"hi","reasoning_content":"x"}""", "messages[0].reasoning_content")]
    [InlineData("""{"role":"user","content":[{"type":"video_url","video_url":{"url":"x"}}]}""", "messages[0].content[0].type")]
    public void Parse_FieldOutsideTheApiInAMessage_UnsupportedParameterNamingIt(string message, string param)
    {
        var error = Assert.Throws<TiergateException>(() => Parse(Messages(message)));

        Assert.Equal(ErrorCodes.UnsupportedParameter, error.Code);
        Assert.Equal(param, error.Param);
    }

    [Theory]
    [InlineData("""{"role":1,"content":"hi"}""", "messages[0].role")]
    [InlineData("""{"role":"user","content":5}""", "messages[0].content")]
    [InlineData("""{"role":"user","content":"hi","name":["x"]}""", "messages[0].name")]
    [InlineData("""{"role":"assistant","tool_calls":"x"}""", "messages[0].tool_calls")]
    [InlineData("""{"role":"user","content":["text"]}""", "messages[0].content[0]")]
    [InlineData("""{"role":"user","content":[{"text":"no type"}]}""", "messages[0].content[0]")]
    [InlineData("\"a string, not a message\"", "messages[0]")]
    public void Parse_MessageFieldOfTheWrongKind_InvalidRequestNamingIt(string message, string param)
    {
        var error = Assert.Throws<TiergateException>(() => Parse(Messages(message)));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void EnsureAllowedBy_ExtensionNotPassedThrough_UnsupportedParameterNamingIt()
    {
        using var request = Parse(WithParameter("\"chat_template_kwargs\":{\"enable_thinking\":false}"));

        var error = Assert.Throws<TiergateException>(() => request.EnsureAllowedBy(Variant([], Modalities.Text)));

        Assert.Equal(ErrorCodes.UnsupportedParameter, error.Code);
        Assert.Equal("chat_template_kwargs", error.Param);
        request.EnsureAllowedBy(Variant(["chat_template_kwargs"], Modalities.Text));
    }

    [Theory]
    [InlineData("""{"type":"image_url","image_url":{"url":"https://example.org/x.png"}}""", Modalities.Image)]
    [InlineData("""{"type":"input_audio","input_audio":{"data":"AAAA","format":"mp3"}}""", Modalities.Audio)]
    [InlineData("""{"type":"file","file":{"file_id":"file-1"}}""", Modalities.File)]
    public void EnsureAllowedBy_MediaPart_RefusedUnlessItsModalityIsDeclared(string part, Modalities modality)
    {
        using var request = Parse(Messages($$"""{"role":"user","content":[{"type":"text","text":"hi"},{{part}}]}"""));

        var error = Assert.Throws<TiergateException>(() => request.EnsureAllowedBy(Variant([], Modalities.Text | (Modalities.Image | Modalities.Audio | Modalities.File) & ~modality)));

        Assert.Equal(ErrorCodes.ModalityNotAllowed, error.Code);
        Assert.Equal("messages[0].content[1]", error.Param);
        request.EnsureAllowedBy(Variant([], Modalities.Text | modality));
    }

    [Theory]
    [InlineData("\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}", "audio")]
    [InlineData("\"modalities\":[\"text\",\"audio\"]", "modalities")]
    public void EnsureAllowedBy_AudioOutput_NeedsTheAudioModality(string parameter, string param)
    {
        using var request = Parse(WithParameter(parameter));

        var error = Assert.Throws<TiergateException>(() => request.EnsureAllowedBy(Variant([], Modalities.Text)));

        Assert.Equal(ErrorCodes.ModalityNotAllowed, error.Code);
        Assert.Equal(param, error.Param);
        request.EnsureAllowedBy(Variant([], Modalities.Text | Modalities.Audio));
    }

    private static VariantConfig Variant(IReadOnlyList<string> passThrough, Modalities modalities) =>
        new("standard", null, new UpstreamConfig("http://localhost:1/v1", "m", null, passThrough), new MitigationRecord("standard", false, null), modalities);
}
