using System.Diagnostics;
using System.Threading.Channels;
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
    private readonly AuditBatchWriter _batches;
    private readonly TimeProvider _time;
    private readonly AuditLogOptions _options;
    private readonly ILogger _logger;
    private readonly AuditLogMetrics? _metrics;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _writer;
    private long _refusedAppends;
    private long _queued;
    private long _unavailableSinceUnixMs;

    public AuditLog(
        Func<TiergateDbContext> contexts,
        AuditSigningKey signer,
        TimeProvider time,
        AuditLogOptions? options = null,
        ILogger<AuditLog>? logger = null,
        AuditLogMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(signer);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new AuditLogOptions();
        _batches = new AuditBatchWriter(contexts, signer, _options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
        _metrics = metrics;
        // A single-reader unbounded channel cannot count its items: the depth is kept beside it.
        metrics?.Watch(() => (int)Interlocked.Read(ref _queued));
        _writer = Task.Run(WriteLoopAsync);
    }

    public AuditLog(TiergateDatabase database, AuditSigningKey signer, TimeProvider time, AuditLogOptions? options = null, ILogger<AuditLog>? logger = null, AuditLogMetrics? metrics = null)
        : this((database ?? throw new ArgumentNullException(nameof(database))).CreateContext, signer, time, options, logger, metrics)
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
        // Counted before it is queued, so that the writer never takes it out of the count first.
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            throw new AuditUnavailableException("the audit log is closed");
        }

        // WaitAsync costs a promise and a registration per call: only for tokens that can fire.
        return new ValueTask(cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task);
    }

    /// <summary>Appends refused so far because their batch could not be committed (disk full, database gone, ...).</summary>
    public long RefusedAppends => Interlocked.Read(ref _refusedAppends);

    /// <summary>When the current outage began (the first failed batch since the last commit); null while commits succeed.</summary>
    public DateTimeOffset? UnavailableSince =>
        Interlocked.Read(ref _unavailableSinceUnixMs) is var since and not 0 ? DateTimeOffset.FromUnixTimeMilliseconds(since) : null;

    /// <summary>Stops accepting appends and waits for the queued ones to be committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _batches.DisposeAsync();
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

            Interlocked.Add(ref _queued, -batch.Count);

            try
            {
                var started = Stopwatch.GetTimestamp();
                await WriteBatchAsync(batch);
                var committed = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref _unavailableSinceUnixMs, 0);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }

                Measure(batch, started, committed);
            }
            catch (Exception ex)
            {
                AuditLogMessages.BatchFailed(_logger, batch.Count, ex);
                Interlocked.Add(ref _refusedAppends, batch.Count);
                Interlocked.CompareExchange(ref _unavailableSinceUnixMs, _time.GetUtcNow().ToUnixTimeMilliseconds(), 0);
                var failure = new AuditUnavailableException("the audit record could not be made durable", ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }
        }
    }

    /// <summary>After the callers are released, so that measuring adds nothing to their wait.</summary>
    private void Measure(List<PendingAppend> batch, long started, long committed)
    {
        if (_metrics is not { } metrics)
        {
            return;
        }

        metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started, committed));
        foreach (var pending in batch)
        {
            metrics.Waited(Stopwatch.GetElapsedTime(pending.Queued, committed));
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        var records = new AuditRecordEntity[batch.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = batch[i].Record;
        }

        try
        {
            var (sequence, checkpoint) = await _batches.WriteAsync(records, _time.GetUtcNow().ToUnixTimeMilliseconds());
            if (checkpoint)
            {
                AuditLogMessages.CheckpointWritten(_logger, sequence);
            }
        }
        catch
        {
            await _batches.ResetAsync();
            throw;
        }
    }
}
