using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Copies SQLite's write-ahead log back into the database from a background task, on its own
/// connection. Left to SQLite, the commit that crosses the WAL size threshold does that work (and its
/// fsyncs) itself, stalling every request waiting on that audit batch for milliseconds; the audit
/// writer turns that off on its connection and marks each commit here instead. PASSIVE checkpoints
/// never block the writer or readers; one that could not finish is simply tried again.
/// </summary>
/// <remarks>
/// PASSIVE alone does not bound the log: SQLite starts it again from the beginning only when a write
/// begins with every frame copied back and no reader on an older snapshot, and under sustained load
/// (commits back to back, key lookups always in flight) that moment never comes: the log grew by
/// 78 MB in 12 s at full gateway load. Past the limit the audit writer itself, between two batches
/// (a checkpointer polling for the write lock would lose every time to a writer that commits back to
/// back), runs RESTART checkpoints until one finds no reader on an older snapshot; the next commit
/// then starts the log again.
/// </remarks>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The audit writer's wait for the write lock in ordinary batches (the CLI may hold it).</summary>
    private const int WriterBusyTimeoutMs = 5000;

    /// <summary>Sets <see cref="WriterBusyTimeoutMs"/> on the writer's connection: on open, and after each RESTART attempt.</summary>
    public static readonly string WriterBusyTimeoutSql = FormattableString.Invariant($"PRAGMA busy_timeout={WriterBusyTimeoutMs};");

    private static readonly TimeSpan RestartRetry = TimeSpan.FromMilliseconds(20);

    private readonly Func<TiergateDbContext> _contexts;
    private readonly long _limitBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _written;
    private int _restartDue;
    private long _nextRestartAttempt;
    private long _pageBytes;

    public SqliteWalCheckpointer(Func<TiergateDbContext> contexts, long limitBytes)
    {
        _contexts = contexts;
        _limitBytes = limitBytes;
        _loop = Task.Run(LoopAsync);
    }

    public void MarkWritten() => Volatile.Write(ref _written, 1);

    /// <summary>
    /// Called by the audit writer between batches, on its own connection with no transaction open,
    /// while the last PASSIVE pass found the log past its limit. The RESTART does not wait: readers
    /// come and go all the time, so one attempt finds them on older snapshots and the next one
    /// (at most every <see cref="RestartRetry"/>) finds them gone. Each attempt copies back what it
    /// can, work the next PASSIVE would otherwise do.
    /// </summary>
    public async Task RestartIfDueAsync(DbConnection writer)
    {
        if (Volatile.Read(ref _restartDue) == 0 || Stopwatch.GetTimestamp() < _nextRestartAttempt)
        {
            return;
        }

        _nextRestartAttempt = Stopwatch.GetTimestamp() + (long)(RestartRetry.TotalSeconds * Stopwatch.Frequency);
        try
        {
            await ScalarAsync(writer, "PRAGMA busy_timeout=0;", CancellationToken.None);
            var (busy, _) = await RunCheckpointAsync(writer, "RESTART", CancellationToken.None);
            if (!busy)
            {
                Volatile.Write(ref _restartDue, 0);
            }
        }
        catch (DbException)
        {
            // Nothing is lost: the frames stay in the log until a later checkpoint.
        }
        finally
        {
            await ScalarAsync(writer, WriterBusyTimeoutSql, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, _stop.Token);
                if (Interlocked.Exchange(ref _written, 0) == 1)
                {
                    await CheckpointAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception)
            {
                // A busy or failing checkpoint loses nothing: the log stays in the WAL until the next one.
                MarkWritten();
            }
        }
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = _contexts();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var (_, logFrames) = await RunCheckpointAsync(connection, "PASSIVE", cancellationToken);
        if (_pageBytes == 0)
        {
            _pageBytes = await ScalarAsync(connection, "PRAGMA page_size;", cancellationToken); // fixed once the database exists
        }

        if (logFrames * _pageBytes > _limitBytes)
        {
            Volatile.Write(ref _restartDue, 1);
        }
    }

    /// <summary>Runs <c>wal_checkpoint(mode)</c>; returns whether it was blocked and the log's length in frames.</summary>
    private static async Task<(bool Busy, long LogFrames)> RunCheckpointAsync(DbConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : (true, 0);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
    }
}
