using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// The text a client reassembles from an answer: every string of a whole answer, or, for a stream, each
/// field's fragments joined in order across events (data lines joined, reading stopped at <c>[DONE]</c>),
/// as the OpenAI SDKs and agent frameworks do it.
/// </summary>
internal static class ClientView
{
    public static IReadOnlyList<string> Texts(string answer, bool stream)
    {
        var texts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var payload in stream ? Payloads(answer) : [answer])
        {
            try
            {
                Collect(JsonNode.Parse(payload), "", texts);
            }
            catch (JsonException)
            {
                // Not JSON: the client sees it as it is.
                Append(texts, "raw", payload);
            }
        }

        return texts.Values.Select(t => t.ToString()).ToList();
    }

    private static IEnumerable<string> Payloads(string stream)
    {
        foreach (var sseEvent in stream.ReplaceLineEndings("\n").Split("\n\n"))
        {
            var data = string.Join('\n', sseEvent.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].TrimStart(' ')));
            if (data.Length == 0)
            {
                continue;
            }

            if (data.StartsWith("[DONE]", StringComparison.Ordinal))
            {
                yield break;
            }

            yield return data;
        }
    }

    /// <summary>Strings keyed by their path without array positions, so a field's deltas join up.</summary>
    private static void Collect(JsonNode? node, string path, Dictionary<string, StringBuilder> texts)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    Collect(child, path + "." + name, texts);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, path + "[]", texts);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                Append(texts, path, (string)v!);
                break;
        }
    }

    private static void Append(Dictionary<string, StringBuilder> texts, string key, string text)
    {
        if (!texts.TryGetValue(key, out var joined))
        {
            texts[key] = joined = new StringBuilder();
        }

        joined.Append(text);
    }
}
