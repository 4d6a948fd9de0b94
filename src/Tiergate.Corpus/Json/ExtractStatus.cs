namespace Tiergate.Corpus.Json;

/// <summary>Outcome of pulling the text field out of one JSONL line.</summary>
public enum ExtractStatus
{
    Ok,
    MalformedJson,
    InvalidUtf8,
    MissingTextField,
    TextFieldNotString,
    EmptyLine,
}
