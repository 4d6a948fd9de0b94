using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tiergate.Core.Audit;

namespace Tiergate.Storage.Audit;

/// <summary>
/// The database-backed audit log with group commit. Appends go into a channel; one writer drains
/// whatever has queued (up to <see cref="AuditLogOptions.MaxBatchSize"/>), links the records into the
/// hash chain, re-signs the head and commits them in one transaction; every caller in the batch is
/// released only after that commit (SQLite: WAL with synchronous=FULL; PostgreSQL: synchronous
/// commit). Any failure fails the whole batch with <see cref="AuditUnavailableException"/>.
/// Several processes may append to one database: the chain tail is read under the write lock.
/// </summary>
public sealed class AuditLog : IAuditLog, IAsyncDisposable
{
    private const long PostgresLockKey = 0x5447_4155_4454; // "TGAUDT"

    private readonly Func<TiergateDbContext> _contexts;
    private readonly AuditSigningKey _signer;
    private readonly TimeProvider _time;
    private readonly AuditLogOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _writer;

    public AuditLog(
        Func<TiergateDbContext> contexts,
        AuditSigningKey signer,
        TimeProvider time,
        AuditLogOptions? options = null,
        ILogger<AuditLog>? logger = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new AuditLogOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
        _writer = Task.Run(WriteLoopAsync);
    }

    public AuditLog(TiergateDatabase database, AuditSigningKey signer, TimeProvider time, AuditLogOptions? options = null, ILogger<AuditLog>? logger = null)
        : this((database ?? throw new ArgumentNullException(nameof(database))).CreateContext, signer, time, options, logger)
    {
    }

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        AuditEventGuard.Check(auditEvent);
        var details = AuditDetails.ToCanonicalJson(auditEvent.Details);
        if (details is not null && details.Length > AuditLimits.DetailsLength)
        {
            throw new ArgumentException($"audit details are longer than {AuditLimits.DetailsLength} characters", nameof(auditEvent));
        }

        var pending = new PendingAppend(new AuditRecordEntity
        {
            TimestampUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            Action = auditEvent.Action,
            Actor = auditEvent.Actor,
            Subject = auditEvent.Subject,
            Outcome = auditEvent.Outcome,
            Details = details,
            PreviousHash = [],
            Hash = [],
        });
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditUnavailableException("the audit log is closed");
        }

        return new ValueTask(pending.Completion.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Stops accepting appends and waits for the queued ones to be committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(_options.MaxBatchSize);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await WriteBatchAsync(batch);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                AuditLogMessages.BatchFailed(_logger, batch.Count, ex);
                var failure = new AuditUnavailableException("the audit record could not be made durable", ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        await using var db = _contexts();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})");
        }

        var tail = await db.Set<AuditRecordEntity>().AsNoTracking()
            .OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash })
            .FirstOrDefaultAsync();
        var sequence = tail?.Sequence ?? 0;
        var previous = tail?.Hash ?? AuditCanonical.GenesisHash();
        var records = new List<AuditRecordEntity>(batch.Count);
        foreach (var pending in batch)
        {
            var record = pending.Record;
            record.Sequence = ++sequence;
            record.PreviousHash = previous;
            record.Hash = AuditCanonical.HashRecord(record);
            previous = record.Hash;
            records.Add(record);
        }

        await AuditRecordInsert.ExecuteAsync(db, records, CancellationToken.None);

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = _signer.Sign(AuditCanonical.CheckpointPayload(sequence, previous, now));
        var head = await db.Set<AuditHeadEntity>().FirstOrDefaultAsync(h => h.Id == AuditHeadEntity.SingletonId);
        if (head is null)
        {
            db.Add(new AuditHeadEntity { Sequence = sequence, Hash = previous, CreatedAtUnixMs = now, KeyId = _signer.KeyId, Signature = signature });
        }
        else
        {
            head.Sequence = sequence;
            head.Hash = previous;
            head.CreatedAtUnixMs = now;
            head.KeyId = _signer.KeyId;
            head.Signature = signature;
        }

        var lastCheckpoint = await db.Set<AuditCheckpointEntity>().AsNoTracking()
            .OrderByDescending(c => c.Sequence)
            .Select(c => new { c.Sequence, c.CreatedAtUnixMs })
            .FirstOrDefaultAsync();
        var checkpoint = lastCheckpoint is null
            || sequence - lastCheckpoint.Sequence >= _options.CheckpointEveryRecords
            || now - lastCheckpoint.CreatedAtUnixMs >= (long)_options.CheckpointInterval.TotalMilliseconds;
        if (checkpoint)
        {
            db.Add(new AuditCheckpointEntity { Sequence = sequence, Hash = previous, CreatedAtUnixMs = now, KeyId = _signer.KeyId, Signature = signature });
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (checkpoint)
        {
            AuditLogMessages.CheckpointWritten(_logger, sequence);
        }
    }
}
