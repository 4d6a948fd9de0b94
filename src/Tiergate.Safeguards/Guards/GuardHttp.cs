using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tiergate.Safeguards.Guards;

/// <summary>One JSON call to a guard server: POST, bearer credential, a bounded answer read as JSON.</summary>
internal static class GuardHttp
{
    private const int MaxAnswerBytes = 1024 * 1024;

    public static Uri Endpoint(Uri baseUrl, string path) => new(baseUrl.ToString().TrimEnd('/') + path);

    /// <summary>Writes a request body with <paramref name="write"/>.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task<JsonDocument> PostAsync(HttpMessageInvoker http, Uri url, string? apiKey, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new GuardUnavailableException("unreachable", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                throw new GuardUnavailableException(string.Create(CultureInfo.InvariantCulture, $"http {status}"));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxAnswerBytes)
                {
                    throw new GuardUnavailableException("answer too large");
                }

                buffer.Write(chunk, 0, read);
            }

            try
            {
                return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                throw new GuardUnavailableException("unreadable answer", e);
            }
        }
    }

    /// <summary><c>choices[0].message.content</c> of a chat completion.</summary>
    public static string ChatContent(JsonDocument answer)
    {
        if (answer.RootElement.ValueKind == JsonValueKind.Object &&
            answer.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 &&
            choices[0].ValueKind == JsonValueKind.Object && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object &&
            message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        throw new GuardUnavailableException("unreadable answer");
    }

    /// <summary>The conversation as chat messages: the prompt as the user's turn, the answer (if any) as the assistant's.</summary>
    public static void WriteConversation(Utf8JsonWriter json, string prompt, string? answer)
    {
        json.WriteStartArray("messages");
        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteString("content", prompt);
        json.WriteEndObject();
        if (answer is not null)
        {
            json.WriteStartObject();
            json.WriteString("role", "assistant");
            json.WriteString("content", answer);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
