namespace Tiergate.Catalogue;

/// <summary>Which table a section's codes fit: each record type has its own facts about a failure.</summary>
public enum CatalogueColumns
{
    /// <summary>id, code, HTTP status, OpenAI error type, meaning.</summary>
    Http,

    /// <summary>id, code, exit code, meaning.</summary>
    Exit,

    /// <summary>id, code, meaning.</summary>
    Plain,
}
