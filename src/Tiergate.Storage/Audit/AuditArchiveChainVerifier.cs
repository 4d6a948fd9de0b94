using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Checks archives and the database as one chain: each archive verifies on its own (its records, its
/// checkpoints, its signed head, and the signed anchor its header says it continues); the archives,
/// taken in sequence order, follow one another without gap or overlap from record 1, each starting at
/// the previous one's head; and the database's chain starts at the last archive's head (its newest
/// anchor is the same signed statement), or, when an archival stopped before anchoring, still holds
/// the records the last archives sealed.
/// </summary>
public static class AuditArchiveChainVerifier
{
    public static async Task<AuditVerificationResult> VerifyAsync(
        IReadOnlyList<string> archives, Func<TiergateDbContext> contexts, AuditVerificationKey key,
        IEnumerable<AuditCheckpointEntity> anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archives);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(key);
        var parts = new List<(string Path, AuditCheckpointEntity? Start, AuditCheckpointEntity Head, AuditVerificationResult Result)>();
        foreach (var path in archives)
        {
            var result = await AuditExportVerifier.VerifyAsync(path, key, cancellationToken);
            if (!result.Ok)
            {
                return result with { Problem = $"archive {path}: {result.Problem}" };
            }

            var (start, head) = await AuditExportVerifier.ReadBoundsAsync(path, cancellationToken);
            if (head is null)
            {
                return Broken(key, null, $"archive {path} has no signed head");
            }

            parts.Add((path, start, head, result));
        }

        long expected = 0;
        byte[] expectedHash = AuditCanonical.GenesisHash();
        string? previous = null;
        foreach (var part in parts.OrderBy(p => p.Start?.Sequence ?? 0))
        {
            var start = part.Start?.Sequence ?? 0;
            if (start > expected)
            {
                return Broken(key, expected + 1, $"records {expected + 1}..{start} are missing: no archive given holds them (archive {part.Path} starts after record {start})");
            }

            if (start < expected)
            {
                return Broken(key, start + 1, $"archive {part.Path} starts after record {start} but archive {previous} already holds records up to {expected}: they overlap");
            }

            if (start > 0 && !part.Start!.Hash.AsSpan().SequenceEqual(expectedHash))
            {
                return Broken(key, start, $"archive {part.Path} continues a record {start} whose hash differs from the head of archive {previous}");
            }

            expected = part.Head.Sequence;
            expectedHash = part.Head.Hash;
            previous = part.Path;
        }

        AuditAnchorEntity? newest;
        await using (var db = contexts())
        {
            newest = await AuditAnchors.NewestAsync(db, cancellationToken);
        }

        var databaseStart = newest?.Sequence ?? 0;
        if (databaseStart > expected)
        {
            return Broken(key, expected + 1, $"records {expected + 1}..{databaseStart} were archived (the database continues an anchor at record {databaseStart}) but no archive given holds them");
        }

        if (databaseStart == expected && expected > 0 && !newest!.Hash.AsSpan().SequenceEqual(expectedHash))
        {
            return Broken(key, expected, $"the database's archive anchor at record {expected} differs from the head of archive {previous}");
        }

        // Archived records the database still holds (an archival that stopped before anchoring) must be the same records.
        var sealedByArchives = parts.Where(p => p.Head.Sequence > databaseStart).Select(p => p.Head);
        var database = await AuditDatabaseVerifier.VerifyAsync(contexts, key, (anchors ?? []).Concat(sealedByArchives), cancellationToken);
        return database with
        {
            RecordsChecked = database.RecordsChecked + parts.Sum(p => p.Result.RecordsChecked),
            CheckpointsChecked = database.CheckpointsChecked + parts.Sum(p => p.Result.CheckpointsChecked),
        };
    }

    private static AuditVerificationResult Broken(AuditVerificationKey key, long? sequence, string problem) =>
        new(false, 0, 0, 0, sequence, problem, key.KeyId);
}
