using System.Text.Json.Nodes;

namespace Tiergate.Server.Sample;

/// <summary>
/// The sample model's deterministic answer: it names itself and the variant, then echoes the last
/// user message, so that a quick start shows which variant answered without any model server.
/// </summary>
internal static class SampleAnswer
{
    public static IReadOnlyList<string> Words(string model, JsonArray? messages, int maxTokens)
    {
        var lastUser = messages?.OfType<JsonObject>().LastOrDefault(m => (string?)m["role"] == "user");
        var said = lastUser?["content"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var content) => content,
            JsonArray parts => string.Join(' ', parts.OfType<JsonObject>().Select(p => (string?)p["text"]).Where(t => t is not null)),
            _ => "",
        };
        if (said.Length > 200)
        {
            said = said[..200] + "...";
        }

        var text = $"Hello from Tiergate's built-in sample model ({model}). This is not a real language model. You said: {said}";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Take(maxTokens).Select((w, i) => i == 0 ? w : " " + w).ToList();
    }

    public static int PromptTokens(JsonArray? messages) =>
        messages?.OfType<JsonObject>().Sum(m => ((string?)(m["content"] as JsonValue))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0) ?? 0;
}
