using System.Text.Json;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>Reading the vendors' JSON defensively: a missing or mistyped field is null, never an exception.</summary>
internal static class VendorJson
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement? Property(this JsonElement? element, string name) => element?.Property(name);

    public static JsonElement? Path(this JsonElement element, params string[] names) => ((JsonElement?)element).Path(names);

    public static JsonElement? Path(this JsonElement? element, params string[] names)
    {
        var current = element;
        foreach (var name in names)
        {
            current = current?.Property(name);
        }

        return current;
    }

    public static string? String(this JsonElement? element) => element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    /// <summary>A short token-like string (ids, types, codes): printable ASCII, no spaces, at most <see cref="VendorEvent.MaxIdLength"/>.</summary>
    public static string? Token(this JsonElement? element) =>
        element.String() is { Length: > 0 and <= VendorEvent.MaxIdLength } s && s.All(c => c is > ' ' and < (char)127) ? s : null;
}
