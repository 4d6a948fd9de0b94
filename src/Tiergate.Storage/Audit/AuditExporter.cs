using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>Writes the log as JSON lines (see <see cref="AuditExportFormat"/>) from one consistent snapshot.</summary>
public static class AuditExporter
{
    /// <summary>
    /// Writes every record up to the signed head; returns the number of records written. When older
    /// records were archived, the export starts after the newest archive anchor (named in its header).
    /// </summary>
    public static async Task<long> ExportAsync(
        Func<TiergateDbContext> contexts, AuditVerificationKey key, Stream output, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        await using var db = contexts();
        await using var snapshot = await AuditSnapshot.BeginAsync(db, cancellationToken);
        var head = await db.Set<AuditHeadEntity>().AsNoTracking()
            .FirstOrDefaultAsync(h => h.Id == AuditHeadEntity.SingletonId, cancellationToken);
        var anchor = await AuditAnchors.NewestAsync(db, cancellationToken);
        var start = anchor?.Sequence ?? 0;
        var checkpoints = (await db.Set<AuditCheckpointEntity>().AsNoTracking().Where(c => c.Sequence > start).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Sequence);
        var count = await db.Set<AuditRecordEntity>().Where(r => r.Sequence > start).LongCountAsync(cancellationToken);

        await using var writer = new AuditExportWriter(output);
        await writer.WriteHeaderAsync(key, time.GetUtcNow().ToUnixTimeMilliseconds(), count, anchor?.ToSeal(), cancellationToken);
        long written = 0;
        await foreach (var record in db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Sequence > start).OrderBy(r => r.Sequence)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteRecordAsync(record, cancellationToken);
            written++;
            if (checkpoints.Remove(record.Sequence, out var checkpoint))
            {
                await writer.WriteSealAsync(AuditExportFormat.Checkpoint, checkpoint, cancellationToken);
            }
        }

        // Checkpoints past the last record (a truncated database) are exported too, so that the export's verification reports it.
        foreach (var checkpoint in checkpoints.Values.OrderBy(c => c.Sequence))
        {
            await writer.WriteSealAsync(AuditExportFormat.Checkpoint, checkpoint, cancellationToken);
        }

        if (head is not null)
        {
            await writer.WriteSealAsync(AuditExportFormat.Head, ToSeal(head), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }

    internal static AuditCheckpointEntity ToSeal(AuditHeadEntity head) => new()
    {
        Sequence = head.Sequence,
        Hash = head.Hash,
        CreatedAtUnixMs = head.CreatedAtUnixMs,
        KeyId = head.KeyId,
        Signature = head.Signature,
    };
}
