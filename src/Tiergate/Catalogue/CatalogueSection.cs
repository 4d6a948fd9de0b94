namespace Tiergate.Catalogue;

/// <summary>The part of docs/error-codes.md for one project's codes: what raises them and how they are printed.</summary>
public sealed record CatalogueSection(string Project, string Title, string Intro, string IdPrefixes, CatalogueColumns Columns);
