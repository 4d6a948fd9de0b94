namespace Tiergate.Storage.Identity.Links;

/// <summary>One strong identifier row as clustering reads it.</summary>
internal readonly record struct StrongRow(long UserId, int Kind, string Hash);
