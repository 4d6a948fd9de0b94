namespace Tiergate.Storage.Retention;

/// <summary>What one monitoring retention run did.</summary>
/// <param name="Busy">Another instance was running retention on this database (PostgreSQL); nothing was done.</param>
/// <param name="Deleted">Rows removed, per kind of data and tier; only the non-zero ones.</param>
public sealed record RetentionRunResult(bool Busy, IReadOnlyList<RetentionDeletion> Deleted)
{
    public long Total => Deleted.Sum(d => d.Rows);
}
