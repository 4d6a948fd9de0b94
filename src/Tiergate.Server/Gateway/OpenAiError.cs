using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>Writes errors in OpenAI's shape, <c>{"error":{"message","type","code"}}</c>, plus Tiergate's stable id.</summary>
public static class OpenAiError
{
    public static IReadOnlyDictionary<string, string> ContentBlockedFields(string category, string direction) =>
        new Dictionary<string, string> { ["category"] = category, ["direction"] = direction };

    public static async Task WriteAsync(HttpContext context, ErrorCode code, string message, TimeSpan? retryAfter = null, string? param = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = code.HttpStatus;
        response.ContentType = "application/json";
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(Serialize(code, message, param, extra), context.RequestAborted);
    }

    public static byte[] Serialize(ErrorCode code, string message, string? param = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", message);
            json.WriteString("type", code.Type);
            json.WriteString("code", code.Name);
            if (param is null)
            {
                json.WriteNull("param");
            }
            else
            {
                json.WriteString("param", param);
            }

            json.WriteString("tiergate_code", code.Id);
            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
