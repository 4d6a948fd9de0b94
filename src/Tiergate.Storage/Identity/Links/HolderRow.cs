namespace Tiergate.Storage.Identity.Links;

/// <summary>One holder of an identifier, as a raw holders query returns it (column names as the identifiers table's).</summary>
internal sealed class HolderRow
{
    public int Kind { get; set; }

    public required string Hash { get; set; }

    public long UserId { get; set; }
}
