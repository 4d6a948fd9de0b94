using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Copies SQLite's write-ahead log back into the database from a background task, on its own
/// connection. Left to SQLite, the commit that crosses the WAL size threshold does that work (and its
/// fsyncs) itself, stalling every request waiting on that audit batch for milliseconds; the audit
/// writer turns that off on its connection and marks each commit here instead. PASSIVE checkpoints
/// never block the writer or readers; one that could not finish is simply tried again.
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Func<TiergateDbContext> _contexts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _written;

    public SqliteWalCheckpointer(Func<TiergateDbContext> contexts)
    {
        _contexts = contexts;
        _loop = Task.Run(LoopAsync);
    }

    public void MarkWritten() => Volatile.Write(ref _written, 1);

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
                    await using var db = _contexts();
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", _stop.Token);
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
}
