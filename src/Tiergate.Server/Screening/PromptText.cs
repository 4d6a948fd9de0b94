using System.Text;
using System.Text.Json;

namespace Tiergate.Server.Screening;

/// <summary>The text of every message (all roles, text parts), as screening sees a prompt.</summary>
public static class PromptText
{
    /// <param name="messages">A chat request's <c>messages</c> array.</param>
    public static string Of(JsonElement messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content"u8, out var content))
            {
                Append(text, content);
            }
        }

        return text.ToString();
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
