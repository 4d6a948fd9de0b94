using System.Data.Common;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Removes archived records (and the checkpoints among them) in small transactions with pauses
/// between (<see cref="BatchedDeletion"/>), so that the audit writer, which needs the same write lock
/// on SQLite, waits a few milliseconds at most. Idempotent: a run cut short is finished by the next archival.
/// </summary>
internal sealed class AuditArchiveDeletion(DbConnection connection, bool postgres, AuditArchiveOptions options)
{
    // The bytes of the removed rows' columns: what the database gets back for reuse (free pages, not a smaller file).
    private const string SqliteSizeSql = """
        SELECT COALESCE(SUM(length(CAST(action AS BLOB)) + length(CAST(actor AS BLOB)) + COALESCE(length(CAST(subject AS BLOB)), 0)
            + length(CAST(outcome AS BLOB)) + COALESCE(length(CAST(details AS BLOB)), 0) + length(prev_hash) + length(hash) + 16), 0)
        FROM audit_records WHERE seq > @lo AND seq <= @hi
        """;

    private const string PostgresSizeSql = "SELECT COALESCE(SUM(pg_column_size(r.*)), 0) FROM audit_records r WHERE seq > @lo AND seq <= @hi";

    /// <summary>Deletes every record and checkpoint up to <paramref name="last"/>; returns the bytes freed.</summary>
    public async Task<long> DeleteThroughAsync(long last, CancellationToken cancellationToken)
    {
        var lowest = await AuditArchiver.ScalarAsync<long?>(connection, null, "SELECT MIN(seq) FROM audit_records", cancellationToken);
        await using var size = ParameterizedCommand.Create(connection, postgres ? PostgresSizeSql : SqliteSizeSql, "@lo", "@hi");
        await using var delete = ParameterizedCommand.Create(connection, "DELETE FROM audit_records WHERE seq > @lo AND seq <= @hi", "@lo", "@hi");
        var lo = (lowest ?? last + 1) - 1;
        var freed = lo >= last ? 0 : await BatchedDeletion.RunAsync(async ct =>
        {
            var hi = Math.Min(lo + options.DeleteBatchSize, last);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var command in new[] { size, delete })
            {
                command.Transaction = transaction;
                command.Parameters[0].Value = lo;
                command.Parameters[1].Value = hi;
            }

            var bytes = Convert.ToInt64(await size.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            await delete.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            lo = hi;
            return (bytes, lo < last);
        }, options.PauseBetweenBatches, cancellationToken);

        await using var checkpoints = ParameterizedCommand.Create(connection, "DELETE FROM audit_checkpoints WHERE seq <= @last", "@last");
        checkpoints.Parameters[0].Value = last;
        await checkpoints.ExecuteNonQueryAsync(cancellationToken);
        return freed;
    }
}
