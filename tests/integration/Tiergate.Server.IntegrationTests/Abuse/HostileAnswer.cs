using System.Text;
using System.Text.Json.Nodes;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// One generated upstream answer, as a misbehaving or steered model server might send it: the hazard in
/// a random answer field (content, reasoning, refusal, tool-call arguments, logprob tokens), streamed in
/// fragments across chunks, with SSE framing tricks (CR or CRLF line ends, a JSON payload over several
/// <c>data:</c> lines, comments, text after <c>[DONE]</c>) or damaged bytes. Built from its seed alone.
/// </summary>
public sealed class HostileAnswer
{
    private static readonly string[] Fields = ["content", "reasoning_content", "reasoning", "refusal", "arguments", "function_name", "unknown_field"];

    private HostileAnswer(int seed, bool stream, string body, string describe)
    {
        Seed = seed;
        Stream = stream;
        Body = body;
        Describe = describe;
    }

    public int Seed { get; }

    public bool Stream { get; }

    /// <summary>The upstream's whole answer (JSON) or its whole event stream.</summary>
    public string Body { get; }

    public string Describe { get; }

    public static HostileAnswer FromSeed(int seed)
    {
        var random = new Random(seed);
        var field = Fields[random.Next(Fields.Length)];
        var text = "Sure, here it is. " + GatewayInvariants.Hazard + " Good luck.";
        if (random.Next(2) == 0)
        {
            var whole = Completion(field, text).ToJsonString();
            var (what, damaged) = random.Next(4) == 0 ? Damage(whole, random) : ("", whole);
            return new HostileAnswer(seed, false, damaged, $"seed {seed} whole, {field} {what}");
        }

        var pieces = Split(text, random.Next(2, 12), random);
        var newline = new[] { "\n", "\r\n", "\r" }[random.Next(3)];
        var events = new StringBuilder();
        var tricks = new List<string>();
        foreach (var piece in pieces)
        {
            var chunk = Chunk(field, piece).ToJsonString();
            if (random.Next(4) == 0)
            {
                events.Append(": keep-alive").Append(newline);
                tricks.Add("comment");
            }

            if (random.Next(4) == 0)
            {
                // A payload over two data lines: the client joins them with a line feed, which JSON allows between tokens.
                var cut = chunk.IndexOf(",\"choices\"", StringComparison.Ordinal) + 1;
                events.Append("data: ").Append(chunk[..cut]).Append(newline).Append("data: ").Append(chunk[cut..]).Append(newline).Append(newline);
                tricks.Add("multi-line data");
            }
            else
            {
                events.Append("data: ").Append(chunk).Append(newline).Append(newline);
            }
        }

        events.Append("data: [DONE]").Append(newline).Append(newline);
        if (random.Next(3) == 0)
        {
            events.Append("data: ").Append(Chunk("content", GatewayInvariants.Hazard).ToJsonString()).Append(newline).Append(newline);
            tricks.Add("hazard after [DONE]");
        }

        var stream = events.ToString();
        if (random.Next(5) == 0)
        {
            var (what, damaged) = Damage(stream, random);
            stream = damaged;
            tricks.Add(what);
        }

        return new HostileAnswer(seed, true, stream, $"seed {seed} stream of {pieces.Count} pieces, {field}, {newline.Replace("\r", "CR", StringComparison.Ordinal).Replace("\n", "LF", StringComparison.Ordinal)}, {string.Join(", ", tricks)}");
    }

    public override string ToString() => Describe;

    private static List<string> Split(string text, int count, Random random)
    {
        var cuts = Enumerable.Range(0, count - 1).Select(_ => random.Next(1, text.Length)).Distinct().Order().ToList();
        var pieces = new List<string>();
        var at = 0;
        foreach (var cut in cuts)
        {
            pieces.Add(text[at..cut]);
            at = cut;
        }

        pieces.Add(text[at..]);
        return pieces;
    }

    private static (string What, string Body) Damage(string body, Random random) => random.Next(3) switch
    {
        0 => ("truncated", body[..random.Next(body.Length)]),
        1 => ("not JSON", "<html>" + body + "</html>"),
        _ => ("brace dropped", body.Remove(body.LastIndexOf('}'), 1)),
    };

    private static JsonObject Completion(string field, string text) => new()
    {
        ["id"] = "chatcmpl-x",
        ["object"] = "chat.completion",
        ["created"] = 1,
        ["model"] = "upstream-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = Message(field, text, stream: false), ["finish_reason"] = "stop" }),
    };

    private static JsonObject Chunk(string field, string text) => new()
    {
        ["id"] = "chatcmpl-x",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1,
        ["model"] = "upstream-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = Message(field, text, stream: true) }),
    };

    private static JsonObject Message(string field, string text, bool stream)
    {
        var message = new JsonObject { ["role"] = "assistant" };
        switch (field)
        {
            case "arguments":
            case "function_name":
                var function = field == "arguments" ? new JsonObject { ["arguments"] = text } : new JsonObject { ["name"] = text };
                var call = new JsonObject { ["id"] = "call_1", ["type"] = "function", ["function"] = function };
                if (stream)
                {
                    call["index"] = 0;
                }

                message["tool_calls"] = new JsonArray(call);
                break;
            default:
                message[field] = text;
                break;
        }

        return message;
    }
}
