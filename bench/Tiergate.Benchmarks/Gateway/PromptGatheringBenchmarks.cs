using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tiergate.Server.Gateway;
using Tiergate.Server.Screening;

namespace Tiergate.Benchmarks.Gateway;

/// <summary>
/// Gathering the text input screening reads from a parsed request. "MessagesOnly" is what the gateway
/// read before (only <c>messages[].content</c>, plus its token estimate); "EveryField" is
/// <see cref="PromptText"/>, which also checks every parameter and reads tools, schemas, stop, metadata, ...
/// Common: bench/gateway/body.json (two string messages). Agent: the same with a tool and a JSON schema.
/// ParseCommon is the whole parse of the common body, for scale.
/// </summary>
[MemoryDiagnoser]
public class PromptGatheringBenchmarks
{
    private const string CommonBody = """{"model":"standard","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Give me a one-line answer for a load test."}],"max_tokens":16}""";

    private const string AgentBody = """
        {"model":"standard","messages":[{"role":"system","content":"You report the weather."},{"role":"user","content":"What is the weather in Paris?"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Gets the weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string","description":"The city"}},"required":["city"]}}}],
         "response_format":{"type":"json_schema","json_schema":{"name":"report","schema":{"type":"object","properties":{"summary":{"type":"string"}}}}},"max_tokens":16}
        """;

    private readonly byte[] _commonUtf8 = Encoding.UTF8.GetBytes(CommonBody);
    private JsonDocument _common = null!;
    private JsonDocument _agent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _common = JsonDocument.Parse(CommonBody);
        _agent = JsonDocument.Parse(AgentBody);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _common.Dispose();
        _agent.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int MessagesOnly_Common() => MessagesOnly(_common.RootElement);

    [Benchmark]
    public int EveryField_Common() => PromptText.Read(_common.RootElement).Text.Length;

    [Benchmark]
    public int MessagesOnly_Agent() => MessagesOnly(_agent.RootElement);

    [Benchmark]
    public int EveryField_Agent() => PromptText.Read(_agent.RootElement).Text.Length;

    [Benchmark]
    public long ParseCommon()
    {
        using var request = ChatRequest.Parse(_commonUtf8);
        return request.PromptTokens;
    }

    /// <summary>The gateway's former gathering, kept here as the peer: the token estimate, then PromptText.Of (two passes, as it was).</summary>
    private static int MessagesOnly(JsonElement body)
    {
        var messages = body.GetProperty("messages"u8);
        long chars = 0;
        foreach (var message in messages.EnumerateArray())
        {
            chars += 16 + (message.TryGetProperty("content"u8, out var content) ? TextLength(content) : 0);
        }

        var text = new StringBuilder();
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content"u8, out var content))
            {
                Append(text, content);
            }
        }

        return text.ToString().Length + (int)((chars + 3) / 4);
    }

    private static long TextLength(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!.Length;
            case JsonValueKind.Array:
                long sum = 0;
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var text))
                    {
                        sum += TextLength(text);
                    }
                }

                return sum;
            default:
                return 0;
        }
    }

    private static void Append(StringBuilder text, JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                text.Append(content.GetString()).Append('\n');
                break;
            case JsonValueKind.Array:
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var partText))
                    {
                        Append(text, partText);
                    }
                }

                break;
        }
    }
}
