using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Moves every audit record older than a date into an archive file and out of the database, leaving
/// the chain provable end to end:
/// <list type="number">
/// <item>the records after the newest anchor up to the last one older than the date (N) are written in
/// the export format, with the checkpoints that seal them and, as head, a new signed seal of N;</item>
/// <item>the file is fsynced and verified (a chain that does not verify is never archived);</item>
/// <item>the seal of N is stored as the new anchor (<see cref="AuditAnchorEntity"/>): the database's
/// chain now starts there, and the archive's head is the same signed statement;</item>
/// <item>records and checkpoints up to N are deleted in small transactions, with pauses between, so
/// that the audit writer (and so the gateway) is never held up for long.</item>
/// </list>
/// One archiver at a time: on PostgreSQL a session advisory lock (several instances may run the
/// schedule); on both providers the anchor is only stored if the newest anchor is still the one the
/// archive continues, so a second archiver that raced this one gives up and removes its file.
/// </summary>
public sealed class AuditArchiver(Func<TiergateDbContext> contexts, AuditSigningKey signer, TimeProvider time, AuditArchiveOptions? options = null)
{
    private const long PostgresLockKey = 0x5447_4152_4348; // "TGARCH"
    private readonly AuditArchiveOptions _options = options ?? new AuditArchiveOptions();

    /// <summary>Archives the records older than <paramref name="before"/> to <paramref name="outputPath"/> (which must not exist).</summary>
    public async Task<AuditArchiveResult> ArchiveAsync(DateTimeOffset before, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (File.Exists(outputPath))
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, $"'{outputPath}' already exists; an archive is never overwritten", "--output");
        }

        await using var db = contexts();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        if (postgres && !await ScalarAsync<bool>(connection, null, FormattableString.Invariant($"SELECT pg_try_advisory_lock({PostgresLockKey})"), cancellationToken))
        {
            return AuditArchiveResult.Busy;
        }

        try
        {
            return await ArchiveLockedAsync(db, connection, postgres, before.ToUnixTimeMilliseconds(), outputPath, cancellationToken);
        }
        finally
        {
            if (postgres)
            {
                await ScalarAsync<bool>(connection, null, FormattableString.Invariant($"SELECT pg_advisory_unlock({PostgresLockKey})"), CancellationToken.None);
            }
        }
    }

    private async Task<AuditArchiveResult> ArchiveLockedAsync(
        TiergateDbContext db, DbConnection connection, bool postgres, long beforeUnixMs, string outputPath, CancellationToken cancellationToken)
    {
        var anchor = await AuditAnchors.NewestAsync(db, cancellationToken);
        var start = anchor?.Sequence ?? 0;
        var last = await LastToArchiveAsync(connection, start, beforeUnixMs, cancellationToken);
        if (last <= start)
        {
            return AuditArchiveResult.Nothing;
        }

        var lastHash = await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Sequence == last).Select(r => r.Hash).SingleAsync(cancellationToken);
        var createdAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        var seal = new AuditCheckpointEntity
        {
            Sequence = last,
            Hash = lastHash,
            CreatedAtUnixMs = createdAt,
            KeyId = signer.KeyId,
            Signature = signer.Sign(AuditCanonical.CheckpointPayload(last, lastHash, createdAt)),
        };

        var partial = outputPath + ".partial";
        try
        {
            await WriteArchiveAsync(db, anchor?.ToSeal(), seal, partial, cancellationToken);
            var verification = await AuditExportVerifier.VerifyAsync(partial, signer.VerificationKey, cancellationToken);
            if (!verification.Ok || verification.LastSequence != last || verification.RecordsChecked != last - start)
            {
                throw new TiergateException(ErrorCodes.AuditChainInvalid,
                    $"the records to archive do not verify, so nothing was archived (run `tiergate audit verify`): {verification.Problem ?? "the archive is incomplete"}");
            }

            File.Move(partial, outputPath);
        }
        finally
        {
            File.Delete(partial);
        }

        if (!await StoreAnchorAsync(db, start, seal, last - start, cancellationToken))
        {
            File.Delete(outputPath);
            return AuditArchiveResult.Busy;
        }

        var freed = await new AuditArchiveDeletion(connection, postgres, _options).DeleteThroughAsync(last, cancellationToken);
        return new AuditArchiveResult(AuditArchiveStatus.Archived, last - start, start + 1, last, freed, outputPath);
    }

    /// <summary>
    /// Stores the new anchor unless another archiver anchored since this one read the newest anchor
    /// (SQLite: under the write lock of BEGIN IMMEDIATE; PostgreSQL: also under the archive lock).
    /// </summary>
    private static async Task<bool> StoreAnchorAsync(TiergateDbContext db, long expectedStart, AuditCheckpointEntity seal, long records, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var newest = await AuditAnchors.NewestAsync(db, cancellationToken);
        if ((newest?.Sequence ?? 0) != expectedStart)
        {
            return false;
        }

        db.Set<AuditAnchorEntity>().Add(new AuditAnchorEntity
        {
            Sequence = seal.Sequence,
            Hash = seal.Hash,
            CreatedAtUnixMs = seal.CreatedAtUnixMs,
            KeyId = seal.KeyId,
            Signature = seal.Signature,
            ArchivedRecords = records,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    internal static async Task<T> ScalarAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        if (value is null or DBNull)
        {
            return default!;
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    /// <summary>The last record such that it and every record before it are older than the date (timestamps are not strictly ordered across processes).</summary>
    private static async Task<long> LastToArchiveAsync(DbConnection connection, long start, long beforeUnixMs, CancellationToken cancellationToken)
    {
        await using var first = ParameterizedCommand.Create(connection,
            "SELECT seq FROM audit_records WHERE seq > @start AND ts_unix_ms >= @before ORDER BY seq LIMIT 1", "@start", "@before");
        first.Parameters[0].Value = start;
        first.Parameters[1].Value = beforeUnixMs;
        if (await first.ExecuteScalarAsync(cancellationToken) is { } newer and not DBNull)
        {
            return Convert.ToInt64(newer, CultureInfo.InvariantCulture) - 1;
        }

        // Every record is older: archive up to the signed head (records beyond it are not the log's).
        return await ScalarAsync<long?>(connection, null, "SELECT MAX(seq) FROM audit_records", cancellationToken) is { } max
            ? Math.Min(max, await ScalarAsync<long?>(connection, null, "SELECT MAX(seq) FROM audit_head", cancellationToken) ?? 0)
            : 0;
    }

    private async Task WriteArchiveAsync(TiergateDbContext db, AuditCheckpointEntity? startsAfter, AuditCheckpointEntity seal, string path, CancellationToken cancellationToken)
    {
        var start = startsAfter?.Sequence ?? 0;
        var last = seal.Sequence;
        var checkpoints = (await db.Set<AuditCheckpointEntity>().AsNoTracking()
            .Where(c => c.Sequence > start && c.Sequence <= last).ToListAsync(cancellationToken)).ToDictionary(c => c.Sequence);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await using (var writer = new AuditExportWriter(file))
        {
            await writer.WriteHeaderAsync(signer.VerificationKey, seal.CreatedAtUnixMs, last - start, startsAfter, cancellationToken);
            await foreach (var record in db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Sequence > start && r.Sequence <= last)
                .OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await writer.WriteRecordAsync(record, cancellationToken);
                if (checkpoints.Remove(record.Sequence, out var checkpoint))
                {
                    await writer.WriteSealAsync(AuditExportFormat.Checkpoint, checkpoint, cancellationToken);
                }
            }

            await writer.WriteSealAsync(AuditExportFormat.Head, seal, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        file.Flush(flushToDisk: true);
    }
}
