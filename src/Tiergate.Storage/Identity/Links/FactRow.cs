namespace Tiergate.Storage.Identity.Links;

/// <summary>One row of the graph's UNION ALL reads (column names as the identifiers table's), tagged with the question it answers.</summary>
internal sealed class FactRow
{
    public int Kind { get; set; }

    public required string Hash { get; set; }

    public long UserId { get; set; }

    public int Role { get; set; }
}
