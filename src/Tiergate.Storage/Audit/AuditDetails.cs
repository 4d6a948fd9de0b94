using System.Text;
using System.Text.Json;

namespace Tiergate.Storage.Audit;

/// <summary>Writes event details as canonical JSON: one flat object, keys sorted ordinally.</summary>
public static class AuditDetails
{
    public static string? ToCanonicalJson(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null || details.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in details.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, string> Parse(string? json)
    {
        if (json is null)
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.GetString() ?? "";
        }

        return result;
    }
}
