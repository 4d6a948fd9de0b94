namespace Tiergate.Storage.Identity.Links;

/// <summary>One row of the graph's UNION ALL reads: which identifier of the query (<c>-1</c>: none), which account, and which question it answers.</summary>
internal sealed class FactRow
{
    public int Key { get; set; }

    public long UserId { get; set; }

    public int Role { get; set; }
}
