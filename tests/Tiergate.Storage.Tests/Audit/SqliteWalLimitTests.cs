using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Audit;

/// <summary>
/// Under sustained load some reader always holds a snapshot, so PASSIVE checkpoints alone never let
/// SQLite start its write-ahead log again and the file grows without bound; past the limit the
/// checkpointer must restart it.
/// </summary>
public sealed class SqliteWalLimitTests
{
    private const long LimitBytes = 256 * 1024;

    [Fact]
    public async Task AuditLog_SustainedAppendsWhileReadersAlwaysHoldSnapshots_RestartsTheWalPastItsLimit()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        var wal = store.Options.SqlitePath + "-wal";
        await using var log = new AuditLog(store.Database.CreateContext, key, AuditFixture.NewClock(), new AuditLogOptions { SqliteWalLimitBytes = LimitBytes });
        await log.AppendAsync(AuditFixture.Event(0));

        using var stop = new CancellationTokenSource();
        var readers = new[] { HoldSnapshotsAsync(store, 0, stop.Token), HoldSnapshotsAsync(store, 1, stop.Token) };
        var restartsBefore = CheckpointSequence(wal);
        var bulky = new AuditEvent("gateway.request", "key:K1", null, "ok", new Dictionary<string, string> { ["reason"] = new('x', 2000) });
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        var appends = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AppendUntilAsync(log, bulky, until)));
        var appended = appends.Sum();

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var restarts = CheckpointSequence(wal) - restartsBefore; // without the limit: 0
        Assert.True(appended * 2000 > 4 * LimitBytes, $"only {appended} records were appended: too few to fill the log past its limit");
        Assert.True(restarts >= 1, $"the write-ahead log never restarted in 4 s of appends past its {LimitBytes}-byte limit");
    }

    /// <summary>One of several appenders that keep the writer committing back to back.</summary>
    private static async Task<long> AppendUntilAsync(AuditLog log, AuditEvent auditEvent, DateTime until)
    {
        var count = 0L;
        while (DateTime.UtcNow < until)
        {
            await log.AppendAsync(auditEvent);
            count++;
        }

        return count;
    }

    /// <summary>Read transactions of about 2 ms with short gaps, like key lookups; two of these, offset, overlap.</summary>
    private static async Task HoldSnapshotsAsync(TestStore store, int offsetMs, CancellationToken stop)
    {
        await Task.Delay(offsetMs, CancellationToken.None);
        await using var db = store.Database.CreateContext();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        while (!stop.IsCancellationRequested)
        {
            // Deferred: a read transaction, whose snapshot starts at its first read.
            await using var transaction = connection.BeginTransaction(deferred: true);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT COUNT(*) FROM audit_head;";
                await command.ExecuteScalarAsync(CancellationToken.None);
            }

            await Task.Delay(2, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            await Task.Delay(1, CancellationToken.None);
        }
    }

    /// <summary>The WAL header's checkpoint sequence number (bytes 12–15, big-endian), which SQLite increments each time it starts the log again.</summary>
    private static uint CheckpointSequence(string walPath)
    {
        using var file = new FileStream(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }
}
