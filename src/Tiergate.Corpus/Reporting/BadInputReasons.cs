using Tiergate.Corpus.Json;

namespace Tiergate.Corpus.Reporting;

/// <summary>Stable reason codes for lines that could not be tagged (they go to <c>invalid/</c>).</summary>
public static class BadInputReasons
{
    public const string MalformedJson = "malformed-json";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string MissingTextField = "missing-text-field";
    public const string TextFieldNotString = "text-field-not-string";
    public const string EmptyLine = "empty-line";
    public const string TruncatedInput = "truncated-input";
    public const string UnreadableFile = "unreadable-file";
    public const string LineTooLong = "line-too-long";

    public static string For(ExtractStatus status) => status switch
    {
        ExtractStatus.MalformedJson => MalformedJson,
        ExtractStatus.InvalidUtf8 => InvalidUtf8,
        ExtractStatus.MissingTextField => MissingTextField,
        ExtractStatus.TextFieldNotString => TextFieldNotString,
        ExtractStatus.EmptyLine => EmptyLine,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
