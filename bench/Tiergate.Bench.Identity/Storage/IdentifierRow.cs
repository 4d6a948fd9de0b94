namespace Tiergate.Bench.Identity.Storage;

/// <summary>An <c>identifiers</c> row as the bulk insert writes it.</summary>
internal sealed record IdentifierRow(long UserId, int Kind, string Hash, long CreatedAt);
