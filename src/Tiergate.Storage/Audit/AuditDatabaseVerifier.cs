using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>Verifies the audit chain stored in the database, in one consistent snapshot.</summary>
public static class AuditDatabaseVerifier
{
    public static Task<AuditVerificationResult> VerifyAsync(
        Func<TiergateDbContext> contexts, AuditVerificationKey key, CancellationToken cancellationToken = default) =>
        VerifyAsync(contexts, key, [], cancellationToken);

    /// <param name="anchors">Seals kept off the host (e.g. <see cref="AuditExportVerifier.ReadHeadAsync"/> of an earlier export) that the log must still hold.</param>
    public static async Task<AuditVerificationResult> VerifyAsync(
        Func<TiergateDbContext> contexts, AuditVerificationKey key, IEnumerable<AuditCheckpointEntity> anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = contexts();
        await using var snapshot = await AuditSnapshot.BeginAsync(db, cancellationToken);
        var head = await db.Set<AuditHeadEntity>().AsNoTracking()
            .FirstOrDefaultAsync(h => h.Id == AuditHeadEntity.SingletonId, cancellationToken);
        var checkpoints = await db.Set<AuditCheckpointEntity>().AsNoTracking().ToListAsync(cancellationToken);
        var verifier = new AuditChainVerifier(key, head, checkpoints);

        // After an archival the chain starts at the newest anchor; records at or below it that are
        // still here are the tail of an archival's deletion, held (and checked) by its archive.
        var newest = await AuditAnchors.NewestAsync(db, cancellationToken);
        var start = newest?.Sequence ?? 0;
        if (newest is not null && !verifier.StartAfter(newest.ToSeal()))
        {
            return verifier.Complete();
        }

        foreach (var anchor in anchors)
        {
            verifier.AddAnchor(anchor);
        }

        await foreach (var record in db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Sequence > start).OrderBy(r => r.Sequence)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Complete();
    }
}
