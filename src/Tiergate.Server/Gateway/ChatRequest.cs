using System.Buffers;
using System.Text.Json;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Gateway;

/// <summary>
/// A parsed chat completion request: what the gateway needs to decide, and the body to forward.
/// It reads the client's bytes in place (no object tree) and writes the upstream body in one pass.
/// Duplicate keys are refused: where two parsers could pick different copies of <c>messages</c>,
/// screening could read one prompt while the model reads another.
/// </summary>
public sealed class ChatRequest : IDisposable
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private const string LoneSurrogate = "The request body holds a \\u escape of an unpaired surrogate, which is not text.";

    private readonly JsonDocument _document;

    private ChatRequest(JsonDocument document, JsonElement messages, string model, bool stream, int? maxTokens, bool clientWantsUsage, PromptContents contents, int choices)
    {
        Choices = choices;
        Contents = contents;
        _document = document;
        Messages = messages;
        Model = model;
        Stream = stream;
        MaxTokens = maxTokens;
        ClientWantsUsage = clientWantsUsage;
        PromptTokens = (contents.EstimatedChars + 3) / 4;
    }

    /// <summary>The <c>messages</c> array; valid until the request is disposed.</summary>
    public JsonElement Messages { get; }

    public string Model { get; }

    public bool Stream { get; }

    public int? MaxTokens { get; }

    /// <summary>How many choices (<c>n</c>) the upstream will generate, each up to the completion budget; 1 when not given.</summary>
    public int Choices { get; }

    /// <summary>The client itself asked for <c>stream_options.include_usage</c>; otherwise the gateway strips the usage chunk it asked for.</summary>
    public bool ClientWantsUsage { get; }

    /// <summary>An upper-leaning estimate of prompt tokens (about four chars a token), used to reserve quota.</summary>
    public long PromptTokens { get; }

    /// <summary>Every text the model reads, the vendor extensions and the parts screening cannot read.</summary>
    public PromptContents Contents { get; }

    /// <summary>What input screening reads: the text of every field the model sees.</summary>
    public string Prompt => Contents.Text;

    /// <summary>
    /// Refuses what the variant does not take: a vendor extension it does not pass through
    /// (<c>unsupported_parameter</c>) and an image, audio or file part outside its modalities (<c>modality_not_allowed</c>).
    /// </summary>
    public void EnsureAllowedBy(VariantConfig variant)
    {
        foreach (var name in Contents.Extensions)
        {
            if (!variant.Upstream.PassesThrough(name))
            {
                // A name is echoed only when it looks like one: any other text may be a prompt.
                var echo = EchoableName.Of(name);
                throw new TiergateException(ErrorCodes.UnsupportedParameter, $"Unsupported parameter: {(echo is null ? "a parameter" : $"'{echo}'")} outside the Chat Completions API, which the model '{variant.Name}' does not accept.", echo);
            }
        }

        if (Contents.Media.FirstRefusedBy(variant.Modalities) is { } refused)
        {
            throw new TiergateException(ErrorCodes.ModalityNotAllowed, $"The model '{variant.Name}' does not accept {refused.Modality.ToString().ToLowerInvariant()} input or output.", refused.Param);
        }
    }

    /// <summary>Parses <paramref name="utf8"/>, which must stay unchanged while the request is in use.</summary>
    public static ChatRequest Parse(ReadOnlyMemory<byte> utf8)
    {
        // JsonDocument checks UTF-8 only when a string is read, which would fail deep inside screening.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            throw Invalid("The request body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, ParseOptions);
        }
        catch (JsonException)
        {
            throw Invalid("The request body is not valid JSON, or repeats a key.");
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check decodes property names, and an escaped lone surrogate in one is no text.
            throw Invalid(LoneSurrogate);
        }

        try
        {
            RejectLoneSurrogates(utf8.Span, document.RootElement);
            return Read(document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>The body as the upstream should see it: its own model name, usage reporting on, a completion budget.</summary>
    public byte[] ForUpstream(string upstreamModel, int completionBudget)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, (int)(PromptTokens * 4) + 256));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var wroteStreamOptions = false;
            foreach (var property in _document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("model"u8))
                {
                    writer.WriteString("model"u8, upstreamModel);
                }
                else if (Stream && property.NameEquals("stream_options"u8))
                {
                    WriteStreamOptions(writer, property.Value);
                    wroteStreamOptions = true;
                }
                else if (MaxTokens is null && property.NameEquals("max_tokens"u8))
                {
                    // A null max_tokens: replaced by the budget below.
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (Stream && !wroteStreamOptions)
            {
                WriteStreamOptions(writer, default);
            }

            if (MaxTokens is null)
            {
                writer.WriteNumber("max_tokens"u8, completionBudget);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _document.Dispose();

    private static ChatRequest Read(JsonDocument document)
    {
        var body = document.RootElement;
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The request body must be a JSON object.");
        }

        var model = body.TryGetProperty("model"u8, out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } name
            ? name
            : throw Invalid("'model' is required and must be a string.", "model");
        if (!body.TryGetProperty("messages"u8, out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw Invalid("'messages' is required and must be a non-empty array.", "messages");
        }

        // Types that decide a code path are strict: "stream": 1 must not reach the model as a stream the
        // gateway believes is not one (its answer would skip stream screening).
        var stream = ReadBoolean(body, "stream", "stream");
        var maxTokens = ReadPositiveInt(body, "max_completion_tokens") ?? ReadPositiveInt(body, "max_tokens");
        var wantsUsage = false;
        if (body.TryGetProperty("stream_options"u8, out var options) && options.ValueKind != JsonValueKind.Null)
        {
            wantsUsage = options.ValueKind == JsonValueKind.Object
                ? ReadBoolean(options, "include_usage", "stream_options.include_usage")
                : throw Invalid("'stream_options' must be an object.", "stream_options");
        }
        var choices = ReadPositiveInt(body, "n") ?? 1;
        return new ChatRequest(document, messages, model, stream, maxTokens, wantsUsage, PromptText.Read(body), choices);
    }

    /// <summary>The client's stream options, with <c>include_usage</c> forced on so the gateway can settle quota.</summary>
    private static void WriteStreamOptions(Utf8JsonWriter writer, JsonElement options)
    {
        writer.WriteStartObject("stream_options"u8);
        if (options.ValueKind == JsonValueKind.Object)
        {
            foreach (var option in options.EnumerateObject())
            {
                if (!option.NameEquals("include_usage"u8))
                {
                    option.WriteTo(writer);
                }
            }
        }

        writer.WriteBoolean("include_usage"u8, true);
        writer.WriteEndObject();
    }

    /// <summary>Absent or null is false; anything but a JSON boolean is refused.</summary>
    private static bool ReadBoolean(JsonElement json, string name, string param)
    {
        if (!json.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw Invalid($"'{param}' must be true or false.", param),
        };
    }

    /// <summary>
    /// A <c>\uD800</c>-style escape without its pair is valid JSON but no text: reading it later would fail
    /// deep inside screening. Refused here; the whole tree is walked only when the body has such an escape.
    /// </summary>
    private static void RejectLoneSurrogates(ReadOnlySpan<byte> utf8, JsonElement root)
    {
        if (!MayEscapeSurrogate(utf8))
        {
            return;
        }

        try
        {
            DecodeEveryString(root);
        }
        catch (InvalidOperationException)
        {
            throw Invalid(LoneSurrogate);
        }
    }

    private static bool MayEscapeSurrogate(ReadOnlySpan<byte> utf8)
    {
        for (var at = utf8.IndexOf("\\u"u8); at >= 0 && at + 3 < utf8.Length; at = NextEscape(utf8, at))
        {
            if ((utf8[at + 2] | 0x20) == 'd' && (utf8[at + 3] | 0x20) is (byte)'8' or (byte)'9' or (byte)'a' or (byte)'b' or (byte)'c' or (byte)'d' or (byte)'e' or (byte)'f')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> utf8, int at)
    {
        var next = utf8[(at + 2)..].IndexOf("\\u"u8);
        return next < 0 ? -1 : at + 2 + next;
    }

    private static void DecodeEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    DecodeEveryString(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    DecodeEveryString(property.Value);
                }

                break;
        }
    }

    private static int? ReadPositiveInt(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0
            ? n
            : throw Invalid($"'{name}' must be a positive integer.", name);
    }

    private static TiergateException Invalid(string message, string? param = null) =>
        new(ErrorCodes.InvalidRequest, message, param);
}
