using System.Text;
using Tiergate.Core.Errors;
using Tiergate.Core.Protocol;
using Tiergate.Server.Gateway;

namespace Tiergate.Server.Tests;

/// <summary>The table of OpenAI's Chat Completions parameters: complete, and each one screened or type-checked as it says.</summary>
public sealed class ChatParametersTests
{
    /// <summary>OpenAI's create-chat-completion request body, as its API reference lists it.</summary>
    private static readonly string[] OpenAiParameters =
    [
        "model", "messages", "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs",
        "max_completion_tokens", "max_tokens", "metadata", "modalities", "n", "parallel_tool_calls", "prediction",
        "presence_penalty", "prompt_cache_key", "prompt_cache_retention", "reasoning_effort", "response_format",
        "safety_identifier", "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature",
        "tool_choice", "tools", "top_logprobs", "top_p", "user", "verbosity", "web_search_options",
    ];

    /// <summary>Those whose value can carry text the model reads (or that were used to smuggle it); the strings of the rest are screened too, as the upstream receives them.</summary>
    private static readonly string[] Screened =
    [
        "messages", "function_call", "functions", "metadata", "prediction", "response_format", "stop", "tool_choice", "tools", "web_search_options",
    ];

    [Fact]
    public void All_IsExactlyOpenAisParameters()
    {
        Assert.Equal(OpenAiParameters.Order(StringComparer.Ordinal), ChatParameters.All.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_MarksAsReadByTheModelExactlyTheParametersThatCarryText()
    {
        Assert.Equal(Screened.Order(StringComparer.Ordinal), ChatParameters.All.Where(p => p.Text != ParameterText.None).Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("chat_template_kwargs")]
    [InlineData("guided_choice")]
    [InlineData("Model")]
    [InlineData("")]
    public void Find_OutsideTheApi_IsNull(string name)
    {
        Assert.Null(ChatParameters.Find(name));
    }

    public static TheoryData<string, string> WrongKinds => new()
    {
        { "frequency_penalty", "\"high\"" },
        { "function_call", "1" },
        { "functions", "{}" },
        { "logit_bias", "[1]" },
        { "logprobs", "1" },
        { "max_completion_tokens", "1.5" },
        { "metadata", "\"k\"" },
        { "modalities", "\"text\"" },
        { "parallel_tool_calls", "\"true\"" },
        { "prediction", "\"text\"" },
        { "presence_penalty", "[]" },
        { "prompt_cache_key", "1" },
        { "prompt_cache_retention", "{}" },
        { "reasoning_effort", "1" },
        { "response_format", "\"json\"" },
        { "safety_identifier", "{}" },
        { "seed", "1.5" },
        { "service_tier", "true" },
        { "stop", "1" },
        { "store", "\"yes\"" },
        { "temperature", "\"hot\"" },
        { "tool_choice", "1" },
        { "tools", "{}" },
        { "top_logprobs", "\"3\"" },
        { "top_p", "true" },
        { "user", "1" },
        { "verbosity", "2" },
        { "web_search_options", "[]" },
        { "audio", "\"alloy\"" },
    };

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public void Parse_ParameterOfTheWrongKind_InvalidRequestNamingIt(string name, string value)
    {
        var body = $$"""{"model":"standard","messages":[{"role":"user","content":"hi"}],"{{name}}":{{value}}}""";

        var error = Assert.Throws<TiergateException>(() => ChatRequest.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
        Assert.Equal(name, error.Param);
    }

    [Fact]
    public void Parse_EveryParameterWithAValueOfItsKind_Accepted()
    {
        // What an official SDK may send: every parameter at once, each well formed.
        var body = """
            {"model":"standard","messages":[{"role":"user","content":"hi"}],"audio":null,"frequency_penalty":0.5,
             "function_call":"auto","functions":[{"name":"f","parameters":{"type":"object"}}],"logit_bias":{"50256":-100},
             "logprobs":true,"max_completion_tokens":10,"max_tokens":null,"metadata":{"k":"v"},"modalities":["text"],"n":1,
             "parallel_tool_calls":false,"prediction":{"type":"content","content":"x"},"presence_penalty":-1,
             "prompt_cache_key":"k","prompt_cache_retention":"24h","reasoning_effort":"low",
             "response_format":{"type":"json_object"},"safety_identifier":"s","seed":-42,"service_tier":"auto","stop":["\n"],
             "store":false,"stream":false,"stream_options":null,"temperature":1,"tool_choice":"none",
             "tools":[{"type":"function","function":{"name":"g"}}],"top_logprobs":2,"top_p":0.9,"user":"u","verbosity":"low",
             "web_search_options":{"search_context_size":"low"}}
            """;

        using var request = ChatRequest.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Empty(request.Contents.Extensions);
        Assert.False(request.Contents.Media.Any);
    }
}
