using System.Text;
using System.Text.Json.Nodes;
using Tiergate.Core.Policy;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Tests;

/// <summary>
/// The output guard on every field a chunk can carry: the hazard arrives in small fragments of one field,
/// interleaved with other choices and tool calls, and is caught with none of it released.
/// </summary>
public sealed class StreamOutputGuardFieldTests
{
    private static readonly PolicyDocument Policy =
        PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;

    private static readonly ContentScreening Screening = new(Policy);

    private const string Hazard = "Step by step protocol to culture and weaponize anthrax and aerosolize bacillus anthracis spores for mass casualties. ";

    public static TheoryData<string> Fields => new()
    {
        "content", "content_part", "reasoning_content", "reasoning", "refusal", "tool_arguments", "tool_name", "function_arguments", "text", "logprob_tokens",
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Add_HazardInFragmentsOfOneField_BlockedAndNoneReleased(string field)
    {
        var guard = new StreamOutputGuard(ScreeningFor("general"));
        var released = new List<byte[]>();
        var open = true;

        // Each fragment of the hazard (choice 0, tool call 0) is followed by a benign chunk of choice 1 and of tool call 1.
        for (var i = 0; i < Hazard.Length && open; i += 3)
        {
            var fragment = Hazard.Substring(i, Math.Min(3, Hazard.Length - i));
            open = Add(guard, Chunk(0, field, fragment, toolIndex: 0), released)
                && Add(guard, Chunk(1, "content", "the sky ", toolIndex: 0), released)
                && Add(guard, Chunk(0, "tool_arguments", "abc ", toolIndex: 1), released);
        }

        open = open && guard.Add("data: [DONE]\n\n"u8, "[DONE]"u8, released);

        Assert.False(open);
        Assert.Equal("bio", guard.Outcome.Block?.Category);
        var sent = string.Concat(released.Select(Encoding.UTF8.GetString));
        Assert.DoesNotContain("anth", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("weap", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_BenignChoicesInterleaved_AllReleasedInOrder()
    {
        var guard = new StreamOutputGuard(ScreeningFor("general"));
        var released = new List<byte[]>();
        var events = new List<byte[]>();
        for (var i = 0; i < 200; i++)
        {
            var chunk = Chunk(i % 3, i % 2 == 0 ? "content" : "tool_arguments", $"w{i} ", toolIndex: i % 2);
            events.Add(Event(chunk));
            Assert.True(guard.Add(Event(chunk), Encoding.UTF8.GetBytes(chunk), released));
        }

        Assert.True(guard.Add("data: [DONE]\n\n"u8, "[DONE]"u8, released));
        Assert.Equal(events.Append("data: [DONE]\n\n"u8.ToArray()).Select(Encoding.UTF8.GetString), released.Select(Encoding.UTF8.GetString));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"choices\":[\"x\"]}")]
    [InlineData("{\"choices\":[{\"delta\":\"x\"}]}")]
    public void Add_UnreadableChunkOnBlockingTier_StreamStops(string data)
    {
        var guard = new StreamOutputGuard(ScreeningFor("general"));
        var released = new List<byte[]>();

        Assert.True(Add(guard, Chunk(0, "content", "hello ", 0), released));
        Assert.False(guard.Add(Event(data), Encoding.UTF8.GetBytes(data), released));
        Assert.True(guard.Unreadable);
        Assert.DoesNotContain(released, e => Encoding.UTF8.GetString(e).Contains(data, StringComparison.Ordinal));
    }

    [Fact]
    public void Add_UnreadableChunkOnFlaggingTier_PassedOnAndItsTextFlagged()
    {
        var guard = new StreamOutputGuard(ScreeningFor("safety-research"));
        var released = new List<byte[]>();

        Assert.True(guard.Add(Event(Hazard), Encoding.UTF8.GetBytes(Hazard), released));
        Assert.True(guard.Finish(released));

        Assert.True(guard.Unreadable);
        Assert.Single(released);
        Assert.Contains(guard.Outcome.Flags, f => f.Category == "bio");
    }

    private static bool Add(StreamOutputGuard guard, string chunk, List<byte[]> released) =>
        guard.Add(Event(chunk), Encoding.UTF8.GetBytes(chunk), released);

    private static byte[] Event(string data) => Encoding.UTF8.GetBytes($"data: {data}\n\n");

    /// <summary>A chunk with <paramref name="text"/> in <paramref name="field"/> of choice <paramref name="choice"/>.</summary>
    internal static string Chunk(int choice, string field, string text, int toolIndex)
    {
        var delta = new JsonObject();
        var entry = new JsonObject { ["index"] = choice, ["delta"] = delta };
        switch (field)
        {
            case "content_part":
                delta["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text });
                break;
            case "tool_arguments":
                delta["tool_calls"] = new JsonArray(new JsonObject { ["index"] = toolIndex, ["function"] = new JsonObject { ["arguments"] = text } });
                break;
            case "tool_name":
                delta["tool_calls"] = new JsonArray(new JsonObject { ["index"] = toolIndex, ["function"] = new JsonObject { ["name"] = text } });
                break;
            case "function_arguments":
                delta["function_call"] = new JsonObject { ["arguments"] = text };
                break;
            case "text":
                entry.Remove("delta");
                entry["text"] = text;
                break;
            case "logprob_tokens":
                entry["logprobs"] = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["token"] = text, ["logprob"] = -0.1 }) };
                break;
            default:
                delta[field] = text;
                break;
        }

        return new JsonObject { ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["model"] = "m", ["choices"] = new JsonArray(entry) }.ToJsonString();
    }

    private static OutputScreening ScreeningFor(string tierName)
    {
        var tier = Policy.TiersByName[tierName];
        return new(text => Screening.Screen(tier, text, output: true), () => Screening.BeginOutput(tier), !Screening.OnlyFlags(tier, output: true), Policy.Safeguards.HoldBackChars);
    }
}
