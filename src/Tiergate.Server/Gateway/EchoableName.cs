namespace Tiergate.Server.Gateway;

/// <summary>
/// Client text that an error may quote back: a name (letters, digits, <c>_ - . : /</c>, at most 64), such as
/// a parameter or a model. Anything else may be a prompt or markup, and is never echoed.
/// </summary>
internal static class EchoableName
{
    /// <summary><paramref name="text"/> when it looks like a name, else null.</summary>
    public static string? Of(string? text) =>
        text is { Length: > 0 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/') ? text : null;
}
