using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tiergate.Testing.Gateway;

/// <summary>Raw HTTP helpers for what the OpenAI SDK hides: status codes, headers, error bodies.</summary>
public static class Chat
{
    public static JsonObject Body(string model, bool stream = false, int? maxTokens = null, string text = "hello")
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        if (stream)
        {
            body["stream"] = true;
        }

        if (maxTokens is { } n)
        {
            body["max_tokens"] = n;
        }

        return body;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string model, bool stream = false, int? maxTokens = null) =>
        client.PostAsJsonAsync("/v1/chat/completions", Body(model, stream, maxTokens));

    /// <summary>The OpenAI-style <c>error.code</c> of a response, or null for a success.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (string?)json?["error"]?["code"];
    }

    /// <summary>The OpenAI-style <c>error.code</c>, or null when the body is not an OpenAI-shaped error at all (another route group's page).</summary>
    public static async Task<string?> ErrorCodeOrNullAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return body.Length == 0 ? null : (string?)JsonNode.Parse(body)?["error"]?["code"];
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
