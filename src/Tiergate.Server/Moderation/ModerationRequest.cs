using System.Text.Json;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Moderation;

/// <summary>
/// A parsed <c>POST /v1/moderations</c> body, as OpenAI's moderation API takes it: <c>input</c> is a string, an
/// array of strings, or an array of parts (<c>{"type":"text","text":...}</c>; an <c>image_url</c> part is refused,
/// as screening reads text only); <c>model</c> is optional and names nothing here. Anything else is refused
/// with a stable code and the parameter at fault, never a 500.
/// </summary>
public sealed record ModerationRequest(IReadOnlyList<string> Inputs, string? Model)
{
    /// <summary>Inputs a request may hold; each gets its own result.</summary>
    public const int MaxInputs = 64;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static ModerationRequest Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, ParseOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid("The request body is not valid JSON (or repeats a key).", null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("The request body must be a JSON object.", null);
            }

            string? model = null;
            IReadOnlyList<string>? inputs = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "input":
                        inputs = ReadInputs(property.Value);
                        break;
                    case "model":
                        model = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => Text(property.Value, "model"),
                            JsonValueKind.Null => null,
                            _ => throw Invalid("'model' must be a string.", "model"),
                        };
                        break;
                    default:
                        throw new TiergateException(ErrorCodes.UnsupportedParameter, "The moderation API takes 'input' and 'model' only.", Param(property.Name));
                }
            }

            return new ModerationRequest(inputs ?? throw Invalid("'input' is required: a string, an array of strings, or an array of text parts.", "input"), model);
        }
    }

    private static List<string> ReadInputs(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return [Text(input, "input")];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("'input' must be a string, an array of strings, or an array of text parts.", "input");
        }

        var count = input.GetArrayLength();
        if (count == 0)
        {
            throw Invalid("'input' must not be empty.", "input");
        }

        if (count > MaxInputs)
        {
            throw Invalid($"'input' holds at most {MaxInputs} items.", "input");
        }

        var texts = new List<string>(count);
        var parts = new List<string>();
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var path = $"input[{i++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                texts.Add(Text(item, path));
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                // Parts are one input together, as OpenAI judges a text with its images.
                parts.Add(Part(item, path));
            }
            else
            {
                throw Invalid($"'{path}' must be a string or a text part.", path);
            }
        }

        if (texts.Count > 0 && parts.Count > 0)
        {
            throw Invalid("'input' mixes strings and parts.", "input");
        }

        return parts.Count > 0 ? [string.Join("\n", parts)] : texts;
    }

    private static string Part(JsonElement part, string path)
    {
        if (!part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"'{path}.type' is required.", $"{path}.type");
        }

        switch (Text(type, $"{path}.type"))
        {
            case "text":
                foreach (var property in part.EnumerateObject())
                {
                    if (property.Name is not ("type" or "text"))
                    {
                        throw new TiergateException(ErrorCodes.UnsupportedParameter, "A text part holds 'type' and 'text' only.", Param($"{path}.{property.Name}"));
                    }
                }

                return part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                    ? Text(text, $"{path}.text")
                    : throw Invalid($"'{path}.text' must be a string.", $"{path}.text");
            case "image_url":
                throw new TiergateException(ErrorCodes.ModalityNotAllowed, "Tiergate's moderation screens text only.", path);
            default:
                throw Invalid($"'{path}.type' must be 'text'.", $"{path}.type");
        }
    }

    private static string Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate is valid JSON but no text.
            throw Invalid($"'{path}' holds an unpaired surrogate escape, which is not text.", path);
        }
    }

    /// <summary>A parameter name from the client, echoed only when short and plain.</summary>
    private static string Param(string name) =>
        name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']') ? name : "(parameter)";

    private static TiergateException Invalid(string message, string? param) => new(ErrorCodes.InvalidRequest, message, param);
}
