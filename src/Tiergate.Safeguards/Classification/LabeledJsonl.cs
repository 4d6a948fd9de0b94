using System.Text.Json;

namespace Tiergate.Safeguards.Classification;

/// <summary>
/// Reads labelled JSON Lines: each line an object whose <c>textField</c> is a string and whose
/// <c>labelField</c> is a string, an array of strings, or null/absent/empty (no label).
/// Dotted field names (<c>meta.label</c>) walk nested objects.
/// </summary>
public static class LabeledJsonl
{
    public static IReadOnlyList<LabeledExample> Read(TextReader reader, string textField, string labelField, string source = "input")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var examples = new List<LabeledExample>();
        var errors = new List<string>();
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var text = Find(document.RootElement, textField);
                if (text is not { ValueKind: JsonValueKind.String })
                {
                    errors.Add($"{source}:{number}: field '{textField}' is not a string");
                    continue;
                }

                var labels = Find(document.RootElement, labelField) switch
                {
                    { ValueKind: JsonValueKind.String } s when s.GetString() is { Length: > 0 } value => [value],
                    { ValueKind: JsonValueKind.Array } a => a.EnumerateArray()
                        .Where(x => x.ValueKind == JsonValueKind.String)
                        .Select(x => x.GetString()!)
                        .Where(x => x.Length > 0)
                        .ToArray(),
                    _ => Array.Empty<string>(),
                };
                examples.Add(new LabeledExample(text.Value.GetString()!, labels));
            }
            catch (JsonException e)
            {
                errors.Add($"{source}:{number}: {e.Message}");
            }

            if (errors.Count >= 20)
            {
                break;
            }
        }

        if (errors.Count > 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidTrainingData, string.Join(Environment.NewLine, errors));
        }

        return examples;
    }

    public static IReadOnlyList<LabeledExample> Read(string path, string textField, string labelField)
    {
        using var reader = new StreamReader(path);
        return Read(reader, textField, labelField, path);
    }

    private static JsonElement? Find(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element;
    }
}
