using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Protocol;
using Tiergate.Server.Gateway;

namespace Tiergate.Server.Screening;

/// <summary>
/// Everything of a chat request that the model reads, as screening sees it, gathered in one pass over the
/// parsed body: every message field and content part, tools and their schemas, response formats,
/// predictions, stop sequences, metadata and any vendor extension, and also the strings of parameters the
/// model does not read (the upstream gets them too). Not read: <c>model</c>, OpenAI's role names and the
/// bytes of media parts. The same pass checks each parameter's JSON kind against <see cref="ChatParameters"/>,
/// notes the vendor extensions (the variant decides on them) and counts the parts screening cannot read.
/// </summary>
public sealed class PromptText
{
    private string? _first;
    private StringBuilder? _joined;
    private long _chars;
    private List<string>? _extensions;
    private MediaParts? _media;
    private (int Start, int End)? _lastUserTurn;

    private PromptText()
    {
    }

    /// <summary>Reads a request body (a JSON object) whose <c>model</c> and <c>messages</c> are already checked.</summary>
    public static PromptContents Read(JsonElement body)
    {
        var reader = new PromptText();
        var messages = 0;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            if (Find(property) is not { } parameter)
            {
                // A vendor extension: refused later unless the variant passes it through; screened either way.
                (reader._extensions ??= []).Add(property.Name);
                reader.AllStrings(value);
                continue;
            }

            if (!Accepts(parameter.Kinds, value))
            {
                throw Invalid($"'{parameter.Name}' must be {Describe(parameter.Kinds)}.", parameter.Name);
            }

            if (parameter.Text == ParameterText.Messages)
            {
                messages = reader.Messages(value);
            }
            else if (!ReferenceEquals(parameter, ModelParameter))
            {
                // Parameters the model does not read (user, logit_bias, service_tier, ...) are screened all the
                // same: the upstream receives them and may keep them, and blocked text must never reach it.
                // A number or boolean has no string to read, so this costs nothing for them.
                reader.AllStrings(value);
            }

            if (property.NameEquals("audio"u8) && value.ValueKind != JsonValueKind.Null)
            {
                reader.Media.AskForAudioOutput("audio");
            }
            else if (property.NameEquals("modalities"u8) && value.ValueKind == JsonValueKind.Array)
            {
                reader.OutputModalities(value);
            }
        }

        var text = reader._joined?.ToString() ?? reader._first ?? "";
        var lastUserTurn = reader._lastUserTurn is { } turn && turn.End - turn.Start < text.Length ? text[turn.Start..turn.End] : null;
        return new PromptContents(text, reader._chars + (16L * messages), reader._extensions ?? [], reader._media ?? MediaParts.None, lastUserTurn);
    }

    private static readonly ChatParameter MessagesParameter = ChatParameters.Find("messages")!;
    private static readonly ChatParameter ModelParameter = ChatParameters.Find("model")!;

    private MediaParts Media => _media ??= new MediaParts();

    /// <summary>
    /// Looks a parameter up by its raw UTF-8 name without allocating a string (every request pays this).
    /// A name written with escapes or non-ASCII is decoded first, so <c>"\u0074ools"</c> is <c>tools</c>, as the upstream reads it.
    /// </summary>
    private static ChatParameter? Find(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length > 32 || raw.IndexOf((byte)'\\') >= 0 || !System.Text.Ascii.IsValid(raw))
        {
            return ChatParameters.Find(property.Name);
        }

        // Every request has these two: no hashing for them.
        if (raw.SequenceEqual("messages"u8))
        {
            return MessagesParameter;
        }

        if (raw.SequenceEqual("model"u8))
        {
            return ModelParameter;
        }

        Span<char> name = stackalloc char[raw.Length];
        System.Text.Ascii.ToUtf16(raw, name, out _);
        return ChatParameters.Find(name);
    }

    /// <summary>Each piece is joined by a newline; a prompt of one piece (one string message) is never copied.</summary>
    private void Add(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        _chars += text.Length;
        if (_first is null)
        {
            _first = text;
            return;
        }

        (_joined ??= new StringBuilder(_first.Length + text.Length + 64).Append(_first)).Append('\n').Append(text);
    }

    private void AllStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AllStrings(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // Keys are read too: a schema's property names and a metadata key reach the model as text.
                    Add(property.Name);
                    AllStrings(property.Value);
                }

                break;
        }
    }

    /// <returns>How many messages there are.</returns>
    private int Messages(JsonElement messages)
    {
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("Each message must be an object.", $"messages[{index}]");
            }

            Message(message, index);
            index++;
        }

        return index;
    }

    /// <summary>How many chars the joined text holds so far.</summary>
    private int Length => _joined?.Length ?? _first?.Length ?? 0;

    private void Message(JsonElement message, int index)
    {
        // A role of OpenAI's other five is not the user's; any other name (a chat template's "User", "human") is counted as the user's.
        var user = message.TryGetProperty("role"u8, out var role) && role.ValueKind == JsonValueKind.String && (role.ValueEquals("user"u8) || !IsKnownRole(role));
        var before = Length;
        Fields(message, index);
        if (user && Length > before)
        {
            // Add joins pieces with one newline: the turn starts after it, unless it is the first text of all.
            _lastUserTurn = (before == 0 ? 0 : before + 1, Length);
        }
    }

    private void Fields(JsonElement message, int index)
    {
        foreach (var field in message.EnumerateObject())
        {
            var value = field.Value;
            if (field.NameEquals("role"u8))
            {
                // A chat template writes the role out as text; the roles OpenAI defines are no blocked text.
                Expect(field, JsonKinds.String, index);
                if (!IsKnownRole(value))
                {
                    AllStrings(value);
                }
            }
            else if (field.NameEquals("content"u8))
            {
                Content(value, index);
            }
            else if (field.NameEquals("tool_call_id"u8))
            {
                Expect(field, JsonKinds.String | JsonKinds.Null, index);
                AllStrings(value);
            }
            else if (field.NameEquals("name"u8) || field.NameEquals("refusal"u8))
            {
                Expect(field, JsonKinds.String | JsonKinds.Null, index);
                AllStrings(value);
            }
            else if (field.NameEquals("tool_calls"u8) || field.NameEquals("function_call"u8))
            {
                // Names and arguments of earlier calls; ids and types are short and harmless to screen too.
                Expect(field, (field.NameEquals("tool_calls"u8) ? JsonKinds.Array : JsonKinds.Object) | JsonKinds.Null, index);
                AllStrings(value);
            }
            else if (field.NameEquals("audio"u8))
            {
                // An earlier spoken answer, by id: the model hears it again.
                Expect(field, JsonKinds.Object | JsonKinds.Null, index);
                if (value.ValueKind != JsonValueKind.Null)
                {
                    Media.Add(Modalities.Audio, index, -1);
                }
            }
            else
            {
                var param = EchoableName.Of(field.Name) is { } name ? $"messages[{index}].{name}" : $"messages[{index}]";
                throw new TiergateException(ErrorCodes.UnsupportedParameter, $"Unsupported parameter: {param} has a field outside the Chat Completions API.", param);
            }
        }
    }

    private void Content(JsonElement content, int index)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                Add(content.GetString()!);
                return;
            case JsonValueKind.Null:
                return;
            case JsonValueKind.Array:
                var at = 0;
                foreach (var part in content.EnumerateArray())
                {
                    Part(part, index, at++);
                }

                return;
            default:
                throw Invalid("A message's content must be a string, an array of content parts, or null.", $"messages[{index}].content");
        }
    }

    private void Part(JsonElement part, int index, int at)
    {
        if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw Invalid("Each content part must be an object with a string 'type'.", $"messages[{index}].content[{at}]");
        }

        var media = false;
        if (type.ValueEquals("image_url"u8))
        {
            media = true;
            Media.Add(Modalities.Image, index, at);
        }
        else if (type.ValueEquals("input_audio"u8))
        {
            media = true;
            Media.Add(Modalities.Audio, index, at);
        }
        else if (type.ValueEquals("file"u8))
        {
            media = true;
            Media.Add(Modalities.File, index, at);
        }
        else if (!type.ValueEquals("text"u8) && !type.ValueEquals("refusal"u8))
        {
            var echo = EchoableName.Of(type.GetString()) is { } name ? $"'{name}' " : "";
            throw new TiergateException(ErrorCodes.UnsupportedParameter, $"Unsupported parameter: content part type {echo}is not one of text, refusal, image_url, input_audio, file.", $"messages[{index}].content[{at}].type");
        }

        foreach (var field in part.EnumerateObject())
        {
            if (field.NameEquals("type"u8))
            {
                continue;
            }

            if (media && field.Value.ValueKind == JsonValueKind.Object)
            {
                MediaPayload(field.Value);
            }
            else
            {
                AllStrings(field.Value);
            }
        }
    }

    /// <summary>
    /// A media part's payload: its bytes (base64 <c>data</c>, <c>file_data</c>, a <c>data:</c> URL, megabytes
    /// and no text) are not screened; every other string is (a file's name, a web URL, the detail setting).
    /// </summary>
    private void MediaPayload(JsonElement payload)
    {
        foreach (var field in payload.EnumerateObject())
        {
            var value = field.Value;
            var bytes = field.NameEquals("data"u8) || field.NameEquals("file_data"u8) ||
                (field.NameEquals("url"u8) && value.ValueKind == JsonValueKind.String && JsonMarshal.GetRawUtf8Value(value).StartsWith("\"data:"u8));
            if (!bytes)
            {
                Add(field.Name);
                AllStrings(value);
            }
        }
    }

    private static bool IsKnownRole(JsonElement role) =>
        role.ValueEquals("user"u8) || role.ValueEquals("assistant"u8) || role.ValueEquals("system"u8) ||
        role.ValueEquals("developer"u8) || role.ValueEquals("tool"u8) || role.ValueEquals("function"u8);

    private void OutputModalities(JsonElement modalities)
    {
        foreach (var modality in modalities.EnumerateArray())
        {
            if (modality.ValueKind != JsonValueKind.String)
            {
                throw Invalid("'modalities' must be an array of strings.", "modalities");
            }

            if (modality.ValueEquals("audio"u8))
            {
                Media.AskForAudioOutput("modalities");
            }
        }
    }

    private static void Expect(JsonProperty field, JsonKinds kinds, int index)
    {
        if (!Accepts(kinds, field.Value))
        {
            throw Invalid($"messages[{index}].{field.Name} must be {Describe(kinds)}.", $"messages[{index}].{field.Name}");
        }
    }

    internal static bool Accepts(JsonKinds kinds, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => (kinds & JsonKinds.String) != 0,
        JsonValueKind.Number => (kinds & JsonKinds.Number) != 0 || ((kinds & JsonKinds.Integer) != 0 && value.TryGetInt64(out _)),
        JsonValueKind.True or JsonValueKind.False => (kinds & JsonKinds.Boolean) != 0,
        JsonValueKind.Object => (kinds & JsonKinds.Object) != 0,
        JsonValueKind.Array => (kinds & JsonKinds.Array) != 0,
        JsonValueKind.Null => (kinds & JsonKinds.Null) != 0,
        _ => false,
    };

    internal static string Describe(JsonKinds kinds)
    {
        var names = new List<string>();
        foreach (var (kind, name) in KindNames)
        {
            if ((kinds & kind) != 0)
            {
                names.Add(name);
            }
        }

        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    private static readonly (JsonKinds Kind, string Name)[] KindNames =
    [
        (JsonKinds.String, "a string"), (JsonKinds.Number, "a number"), (JsonKinds.Integer, "an integer"), (JsonKinds.Boolean, "true or false"),
        (JsonKinds.Object, "an object"), (JsonKinds.Array, "an array"), (JsonKinds.Null, "null"),
    ];

    private static TiergateException Invalid(string message, string param) => new(ErrorCodes.InvalidRequest, message, param);
}
