using System.Text.Json;
using System.Text.Json.Nodes;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>A parsed chat completion request: what the gateway needs to decide, and the body to forward.</summary>
public sealed class ChatRequest
{
    private ChatRequest(JsonObject body, JsonArray messages, string model, bool stream, int? maxTokens, bool clientWantsUsage, long promptTokens)
    {
        Body = body;
        Messages = messages;
        Model = model;
        Stream = stream;
        MaxTokens = maxTokens;
        ClientWantsUsage = clientWantsUsage;
        PromptTokens = promptTokens;
    }

    public JsonObject Body { get; }

    public JsonArray Messages { get; }

    public string Model { get; }

    public bool Stream { get; }

    public int? MaxTokens { get; }

    /// <summary>The client itself asked for <c>stream_options.include_usage</c>; otherwise the gateway strips the usage chunk it asked for.</summary>
    public bool ClientWantsUsage { get; }

    /// <summary>An upper-leaning estimate of prompt tokens (about four bytes a token), used to reserve quota.</summary>
    public long PromptTokens { get; }

    public static ChatRequest Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw Invalid("The request body is not valid JSON.");
        }

        if (node is not JsonObject body)
        {
            throw Invalid("The request body must be a JSON object.");
        }

        var model = body["model"] is JsonValue m && m.TryGetValue<string>(out var name) && name.Length > 0
            ? name
            : throw Invalid("'model' is required and must be a string.", "model");
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw Invalid("'messages' is required and must be a non-empty array.", "messages");
        }

        var stream = body["stream"] is JsonValue s && s.TryGetValue<bool>(out var b) && b;
        var maxTokens = ReadPositiveInt(body, "max_completion_tokens") ?? ReadPositiveInt(body, "max_tokens");
        var wantsUsage = body["stream_options"] is JsonObject options && options["include_usage"] is JsonValue u && u.TryGetValue<bool>(out var include) && include;
        return new ChatRequest(body, messages, model, stream, maxTokens, wantsUsage, EstimatePromptTokens(messages));
    }

    /// <summary>The body as the upstream should see it: its own model name, usage reporting on, a completion budget.</summary>
    public byte[] ForUpstream(string upstreamModel, int completionBudget)
    {
        Body["model"] = upstreamModel;
        if (Stream)
        {
            var options = Body["stream_options"] as JsonObject ?? new JsonObject();
            options["include_usage"] = true;
            Body["stream_options"] = options;
        }

        if (MaxTokens is null)
        {
            Body["max_tokens"] = completionBudget;
        }

        return JsonSerializer.SerializeToUtf8Bytes(Body);
    }

    private static int? ReadPositiveInt(JsonObject body, string name)
    {
        if (body[name] is not { } node)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue<int>(out var n) && n > 0
            ? n
            : throw Invalid($"'{name}' must be a positive integer.", name);
    }

    private static long EstimatePromptTokens(JsonArray messages)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            if (message is not JsonObject m)
            {
                throw Invalid("Each message must be an object.", "messages");
            }

            chars += 16 + TextLength(m["content"]);
        }

        return (chars + 3) / 4;
    }

    private static long TextLength(JsonNode? content) => content switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length,
        JsonArray parts => parts.Sum(p => p is JsonObject o ? TextLength(o["text"]) : 0),
        _ => 0,
    };

    private static TiergateException Invalid(string message, string? param = null) =>
        new(ErrorCodes.InvalidRequest, param is null ? message : $"{message} (param: {param})");
}
