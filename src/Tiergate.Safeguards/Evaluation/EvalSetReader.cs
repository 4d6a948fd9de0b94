using System.Text.Json;

namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// Reads an evaluation set: JSON Lines, each an object with <c>text</c> (a string) or <c>messages</c>
/// (chat messages whose content is a string or a list of <c>text</c> parts), <c>kind</c>
/// (<c>harmful</c> or <c>benign</c>), <c>category</c>, and optionally <c>lang</c> and <c>id</c>.
/// Every bad line is reported at once (up to 20), each as <c>file:line: why</c>, under
/// <see cref="SafeguardsErrorCodes.InvalidEvalSet"/>.
/// </summary>
public static class EvalSetReader
{
    private const int MaxErrors = 20;

    /// <param name="categories">The categories an item may name (the screening's); null accepts any.</param>
    public static IReadOnlyList<EvalItem> Read(string path, IReadOnlyCollection<string>? categories = null)
    {
        if (!File.Exists(path))
        {
            throw new SafeguardsException(SafeguardsErrorCodes.IoError, $"The input file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path);
        return Read(reader, path, categories);
    }

    public static IReadOnlyList<EvalItem> Read(TextReader reader, string source, IReadOnlyCollection<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var items = new List<EvalItem>();
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line && errors.Count < MaxErrors)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var item = Parse(line, number, categories);
                if (!ids.Add(item.Id))
                {
                    throw new FormatException($"id '{item.Id}' appears twice");
                }

                items.Add(item);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                errors.Add($"{source}:{number}: {e.Message}");
            }
        }

        if (errors.Count == 0 && items.Count == 0)
        {
            errors.Add($"{source}: no items");
        }

        if (errors.Count > 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidEvalSet, string.Join(Environment.NewLine, errors));
        }

        return items;
    }

    private static EvalItem Parse(string line, int number, IReadOnlyCollection<string>? categories)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a line must be a JSON object");
        }

        var kind = String(root, "kind") switch
        {
            "harmful" => EvalKind.Harmful,
            "benign" => EvalKind.Benign,
            null => throw new FormatException("'kind' is missing (harmful or benign)"),
            var other => throw new FormatException($"unknown kind '{Shorten(other)}' (harmful or benign)"),
        };
        var category = String(root, "category") is { Length: > 0 } c ? c : throw new FormatException("'category' is missing");
        if (categories is not null && !categories.Contains(category))
        {
            throw new FormatException($"unknown category '{Shorten(category)}' (one of {string.Join(", ", categories)})");
        }

        var lang = String(root, "lang") is { Length: > 0 } l ? l : "und";
        var id = String(root, "id") is { Length: > 0 } i ? i : $"line {number}";
        var hasText = root.TryGetProperty("text", out var text);
        var hasMessages = root.TryGetProperty("messages", out var messages);
        if (hasText == hasMessages)
        {
            throw new FormatException("a line needs exactly one of 'text' and 'messages'");
        }

        if (hasText)
        {
            return text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } value
                ? new EvalItem(id, kind, category, lang, [EvalMessage.User(value)])
                : throw new FormatException("'text' must be a non-empty string");
        }

        return new EvalItem(id, kind, category, lang, Messages(messages)) { IsConversation = true };
    }

    private static List<EvalMessage> Messages(JsonElement messages)
    {
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new FormatException("'messages' must be a non-empty array");
        }

        var list = new List<EvalMessage>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || String(message, "role") is not { Length: > 0 } role)
            {
                throw new FormatException($"messages[{index}] must be an object with a string 'role'");
            }

            if (!message.TryGetProperty("content", out var content))
            {
                throw new FormatException($"messages[{index}] has no 'content'");
            }

            list.Add(content.ValueKind switch
            {
                JsonValueKind.String => new EvalMessage(role, [content.GetString()!], AsParts: false),
                JsonValueKind.Array => new EvalMessage(role, Parts(content, index), AsParts: true),
                _ => throw new FormatException($"messages[{index}].content must be a string or an array of text parts"),
            });
            index++;
        }

        return list;
    }

    private static List<string> Parts(JsonElement content, int index)
    {
        var texts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || String(part, "type") != "text" || String(part, "text") is not { } text)
            {
                throw new FormatException($"messages[{index}].content: each part must be {{\"type\":\"text\",\"text\":...}}");
            }

            texts.Add(text);
        }

        return texts;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
