using System.Text;
using System.Text.Json;

namespace Tiergate.Server.Screening;

/// <summary>The assistant text of a non-streamed completion (every choice), as output screening sees it.</summary>
internal static class AnswerText
{
    public static string Of(ReadOnlyMemory<byte> completion)
    {
        try
        {
            using var json = JsonDocument.Parse(completion);
            if (!json.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return "";
            }

            var text = new StringBuilder();
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    text.Append(content.GetString()).Append('\n');
                }
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            // Not JSON: screen it as text rather than let it through unscreened.
            return Encoding.UTF8.GetString(completion.Span);
        }
    }
}
