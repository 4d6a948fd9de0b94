using System.Text;
using System.Text.Json.Nodes;

namespace Tiergate.Server.Screening;

/// <summary>The text of every message (all roles, text parts), as screening sees a prompt.</summary>
public static class PromptText
{
    public static string Of(JsonArray messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages.OfType<JsonObject>())
        {
            Append(text, message["content"]);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? content)
    {
        switch (content)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                text.Append(s).Append('\n');
                break;
            case JsonArray parts:
                foreach (var part in parts.OfType<JsonObject>())
                {
                    Append(text, part["text"]);
                }

                break;
        }
    }
}
