using System.Text;
using System.Text.Json.Nodes;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// The changes an attacker makes to a request: a value of the wrong type or size in any place, a field
/// removed or added (known to OpenAI's API or not), the hazard written into any string, and damage to
/// the bytes themselves (truncation, invalid UTF-8, a duplicated key, deep nesting).
/// </summary>
internal static class RequestMutations
{
    private static readonly string[] FieldNames =
    [
        "model", "messages", "stream", "stream_options", "n", "max_tokens", "max_completion_tokens", "tools", "tool_choice",
        "functions", "function_call", "response_format", "prediction", "stop", "metadata", "logprobs", "top_logprobs",
        "modalities", "audio", "user", "seed", "chat_template", "chat_template_kwargs", "guided_choice", "guided_json",
        "role", "content", "name", "tool_calls", "arguments", "type", "text", "image_url", "__proto__", "",
    ];

    /// <summary>Mutates <paramref name="request"/> in place; says what it did and whether it planted the hazard.</summary>
    public static (string What, bool Hazard) ApplyToTree(JsonObject request, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(request, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (random.Next(6))
        {
            case 0:
            case 1:
                var strings = nodes.Where(n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
                if (strings.Count > 0)
                {
                    var s = strings[random.Next(strings.Count)];
                    var path = s.GetPath();
                    var planted = Plant((string)s!, random);
                    Replace(s, JsonValue.Create(planted));
                    return ($"hazard into {path}", true);
                }

                goto case 2;
            case 2:
                if (target.Parent is null)
                {
                    goto default;
                }

                var at = target.GetPath();
                Replace(target, HostileValue(random));
                return ($"replace {at}", false);
            case 3:
                if (target.Parent is null)
                {
                    goto default;
                }

                var removed = target.GetPath();
                Remove(target);
                return ($"remove {removed}", false);
            default:
                var objects = nodes.OfType<JsonObject>().ToList();
                var into = objects[random.Next(objects.Count)];
                var name = FieldNames[random.Next(FieldNames.Length)];
                var hazard = random.Next(3) == 0;
                into[name] = hazard ? JsonValue.Create(GatewayInvariants.Hazard) : HostileValue(random);
                return ($"set {into.GetPath()}.{name}{(hazard ? " to the hazard" : "")}", hazard);
        }
    }

    public static (string What, byte[] Body) ApplyToBytes(byte[] body, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                var cut = random.Next(body.Length);
                return ($"truncate at {cut}", body[..cut]);
            case 1:
                var copy = (byte[])body.Clone();
                var flip = random.Next(copy.Length);
                copy[flip] = new byte[] { 0xFF, 0xC0, 0xED, 0x80, 0x00 }[random.Next(5)];
                return ($"byte {flip} damaged", copy);
            case 2:
                var text = Encoding.UTF8.GetString(body);
                return ("duplicate model key", Encoding.UTF8.GetBytes(text.Insert(1, "\"model\":\"reduced-refusal\",")));
            case 3:
                var depth = random.Next(60, 5000);
                return ($"nest {depth} deep", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Insert(1, $"\"x\":{new string('[', depth)}{new string(']', depth)},")));
            default:
                return ("lone surrogate escape", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Insert(1, "\"u\":\"\\ud83d\",")));
        }
    }

    /// <summary>The hazard in the string as an attacker would hide it: whole, in the middle, upper-cased, or as a suffix.</summary>
    private static string Plant(string original, Random random) => random.Next(4) switch
    {
        0 => GatewayInvariants.Hazard,
        1 => original + " " + GatewayInvariants.Hazard,
        2 => original[..(original.Length / 2)] + " " + GatewayInvariants.Hazard + " " + original[(original.Length / 2)..],
        _ => GatewayInvariants.Hazard + "\n" + original,
    };

    private static JsonNode? HostileValue(Random random) => random.Next(16) switch
    {
        0 => null,
        1 => JsonValue.Create(true),
        2 => JsonValue.Create(0),
        3 => JsonValue.Create(-1),
        4 => JsonValue.Create(long.MaxValue),
        5 => JsonValue.Create(1e308),
        6 => JsonValue.Create(""),
        7 => JsonValue.Create(new string('a', random.Next(1, 200_000))),
        8 => JsonValue.Create("\u202Eevil\u0000\uFEFF"),
        9 => new JsonObject(),
        10 => new JsonArray(),
        11 => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
        12 => new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw0KGgo=" } },
        13 => new JsonObject { ["type"] = "text", ["text"] = GatewayInvariants.Hazard },
        14 => Nested(random.Next(2, 70)),
        _ => JsonValue.Create("standard"),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Collect(child, into);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, into);
                }

                break;
        }
    }

    private static void Replace(JsonNode node, JsonNode? with)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = with;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = with;
                break;
        }
    }

    private static void Remove(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o.Remove(node.GetPropertyName());
                break;
            case JsonArray a:
                a.RemoveAt(node.GetElementIndex());
                break;
        }
    }
}
