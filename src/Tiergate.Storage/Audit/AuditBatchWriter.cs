using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Commits one batch of audit records: reads the chain tail under the write lock, links and inserts
/// the records, rewrites the signed head and, when due, a checkpoint — one transaction. It is the
/// audit log's single writer, so it keeps one open connection and its prepared statements across
/// batches (EF Core per batch cost more than the rest of a gateway request); after any failure the
/// connection is dropped and the next batch opens a fresh one. The connection comes from a context so
/// that the provider's per-connection settings (SQLite's synchronous mode) apply to it.
/// </summary>
internal sealed class AuditBatchWriter(Func<TiergateDbContext> contexts, AuditSigningKey signer, AuditLogOptions options) : IAsyncDisposable
{
    private const long PostgresLockKey = 0x5447_4155_4454; // "TGAUDT"
    private static readonly string PostgresLockSql = FormattableString.Invariant($"SELECT pg_advisory_xact_lock({PostgresLockKey})");

    // The tail is the last record, or the newest archive anchor when every record up to it was archived.
    private const string TailSql = """
        SELECT seq, hash FROM (SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1) AS r
        UNION ALL SELECT seq, hash FROM (SELECT seq, hash FROM audit_anchors ORDER BY seq DESC LIMIT 1) AS a
        ORDER BY seq DESC LIMIT 1;
        SELECT seq, created_unix_ms FROM audit_checkpoints ORDER BY seq DESC LIMIT 1;
        """;

    private const string HeadSql = """
        INSERT INTO audit_head (id, seq, hash, created_unix_ms, key_id, signature) VALUES (@id, @seq, @hash, @ts, @key, @sig)
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, created_unix_ms = excluded.created_unix_ms,
            key_id = excluded.key_id, signature = excluded.signature;
        """;

    private const string CheckpointSql = "INSERT INTO audit_checkpoints (seq, hash, created_unix_ms, key_id, signature) VALUES (@seq, @hash, @ts, @key, @sig);";

    private TiergateDbContext? _context;
    private DbConnection? _connection;
    private bool _postgres;
    private DbCommand? _lock;
    private DbCommand? _tail;
    private DbCommand? _head;
    private DbCommand? _checkpoint;
    private AuditRecordInsert? _insert;
    private SqliteWalCheckpointer? _checkpointer;

    /// <summary>Links the batch's records to the chain and commits them; returns the last sequence and whether a checkpoint was written.</summary>
    public async Task<(long Sequence, bool Checkpoint)> WriteAsync(IReadOnlyList<AuditRecordEntity> records, long nowUnixMs)
    {
        var connection = await ConnectAsync();
        if (_checkpointer is { } checkpointer)
        {
            await checkpointer.RestartIfDueAsync(connection);
        }

        await using var transaction = await connection.BeginTransactionAsync(); // SQLite: BEGIN IMMEDIATE, the write lock
        if (_lock is { } postgresLock)
        {
            postgresLock.Transaction = transaction;
            await postgresLock.ExecuteNonQueryAsync();
        }

        var (sequence, previous, lastCheckpoint) = await ReadTailAsync(transaction);
        foreach (var record in records)
        {
            record.Sequence = ++sequence;
            record.PreviousHash = previous;
            record.Hash = AuditCanonical.HashRecord(record);
            previous = record.Hash;
        }

        await _insert!.ExecuteAsync(transaction, records);

        var signature = signer.Sign(AuditCanonical.CheckpointPayload(sequence, previous, nowUnixMs));
        await ExecuteAsync(_head!, transaction, AuditHeadEntity.SingletonId, sequence, previous, nowUnixMs, signature);
        var checkpoint = lastCheckpoint is not { } last
            || sequence - last.Sequence >= options.CheckpointEveryRecords
            || nowUnixMs - last.CreatedAtUnixMs >= (long)options.CheckpointInterval.TotalMilliseconds;
        if (checkpoint)
        {
            await ExecuteAsync(_checkpoint!, transaction, null, sequence, previous, nowUnixMs, signature);
        }

        await transaction.CommitAsync();
        _checkpointer?.MarkWritten();
        return (sequence, checkpoint);
    }

    /// <summary>Drops the connection after a failure, so the next batch starts from a clean one.</summary>
    public async ValueTask ResetAsync()
    {
        foreach (var command in new[] { _lock, _tail, _head, _checkpoint, _insert?.Command })
        {
            command?.Dispose();
        }

        _lock = _tail = _head = _checkpoint = null;
        _insert = null;
        _connection = null;
        if (_context is { } context)
        {
            _context = null;
            await context.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        if (_checkpointer is { } checkpointer)
        {
            await checkpointer.DisposeAsync();
        }
    }

    private async Task<DbConnection> ConnectAsync()
    {
        if (_connection is { } open)
        {
            return open;
        }

        _context = contexts();
        await _context.Database.OpenConnectionAsync();
        var connection = _context.Database.GetDbConnection();
        _postgres = _context.Database.IsNpgsql();
        if (!_postgres)
        {
            // Checkpoints happen off the commit path (see SqliteWalCheckpointer); journal_size_limit
            // shrinks the log file back whenever the log restarts.
            var pragmas = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA wal_autocheckpoint=0; {SqliteWalCheckpointer.WriterBusyTimeoutSql} PRAGMA journal_size_limit={options.SqliteWalLimitBytes};");
            await _context.Database.ExecuteSqlRawAsync(pragmas);
            _checkpointer ??= new SqliteWalCheckpointer(contexts, options.SqliteWalLimitBytes);
        }

        _lock = _postgres ? ParameterizedCommand.Create(connection, PostgresLockSql) : null;
        _tail = ParameterizedCommand.Create(connection, TailSql);
        _head = ParameterizedCommand.Create(connection, HeadSql, "@id", "@seq", "@hash", "@ts", "@key", "@sig");
        _checkpoint = ParameterizedCommand.Create(connection, CheckpointSql, "@seq", "@hash", "@ts", "@key", "@sig");
        _insert = new AuditRecordInsert(connection, _postgres);
        _connection = connection;
        return connection;
    }

    private async Task<(long Sequence, byte[] Hash, (long Sequence, long CreatedAtUnixMs)? Checkpoint)> ReadTailAsync(DbTransaction transaction)
    {
        _tail!.Transaction = transaction;
        await using var reader = await _tail.ExecuteReaderAsync();
        var (sequence, hash) = await reader.ReadAsync() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0L, AuditCanonical.GenesisHash());
        (long, long)? checkpoint = null;
        if (await reader.NextResultAsync() && await reader.ReadAsync())
        {
            checkpoint = (reader.GetInt64(0), reader.GetInt64(1));
        }

        return (sequence, hash, checkpoint);
    }

    private async Task ExecuteAsync(DbCommand command, DbTransaction transaction, int? id, long sequence, byte[] hash, long nowUnixMs, byte[] signature)
    {
        command.Transaction = transaction;
        var p = command.Parameters;
        var i = 0;
        if (id is { } singleton)
        {
            p[i++].Value = singleton;
        }

        p[i++].Value = sequence;
        p[i++].Value = hash;
        p[i++].Value = nowUnixMs;
        p[i++].Value = signer.KeyId;
        p[i].Value = signature;
        await command.ExecuteNonQueryAsync();
    }
}
