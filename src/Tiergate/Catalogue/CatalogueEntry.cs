namespace Tiergate.Catalogue;

/// <summary>
/// One code as the catalogue lists it, whichever project's record it came from: gateway and account codes
/// have an HTTP status and an OpenAI error type, the filter's have an exit code, the engine's neither.
/// </summary>
public sealed record CatalogueEntry(string Project, string List, string Id, string Name, int? HttpStatus, string? Type, int? ExitCode, string Summary);
