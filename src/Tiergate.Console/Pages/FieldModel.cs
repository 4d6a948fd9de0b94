namespace Tiergate.Console.Pages;

/// <summary>
/// One labelled input for <c>Shared/_Field</c>: its error (and hint) are tied to it with aria-describedby and
/// aria-invalid, so screen readers announce them. Values are HTML-encoded by Razor like all output.
/// </summary>
public sealed record FieldModel(string Name, string Label, string Type = "text", string? Value = null, string? Error = null, string? Hint = null, string? Autocomplete = null, int MaxLength = 320, string? InputMode = null);
