using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;

namespace Tiergate.Testing.Storage;

/// <summary>Helpers shared by the audit tests: a fixed-seed signing key, a fake clock, sample events.</summary>
public static class AuditFixture
{
    /// <summary>How many records <see cref="WriteLogAsync"/> writes (with a checkpoint every 4).</summary>
    public const int LogRecords = 10;
    public static AuditSigningKey NewSigningKey() =>
        AuditSigningKey.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(AuditSigningKey.SeedLength));

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public static AuditEvent Event(int i) => new(
        i % 3 == 0 ? "gateway.deny" : "gateway.request",
        $"key:K{i:D4}",
        "tier:bio-research",
        i % 3 == 0 ? "denied" : "ok",
        new Dictionary<string, string> { ["variant"] = "bio-research", ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Appends records 1..count, one at a time so that each gets its own batch.</summary>
    public static async Task AppendSequentiallyAsync(AuditLog log, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Event(i));
        }
    }

    /// <summary>A fresh log of <see cref="LogRecords"/> records, sealed by a new signing key (returned).</summary>
    public static async Task<AuditSigningKey> WriteLogAsync(TestStore store)
    {
        var key = NewSigningKey();
        await using var log = new AuditLog(store.Database, key, NewClock(), new AuditLogOptions { CheckpointEveryRecords = 4 });
        await AppendSequentiallyAsync(log, LogRecords);
        return key;
    }

    /// <summary>Exports the store's log into its data directory; returns the file's path.</summary>
    public static async Task<string> ExportAsync(TestStore store, AuditSigningKey key)
    {
        var path = Path.Combine(store.Options.DataDirectory, "audit-export.jsonl");
        await using var output = File.Create(path);
        await AuditExporter.ExportAsync(store.Database.CreateContext, key.VerificationKey, output, NewClock());
        return path;
    }

    public static async Task<int> CountRecordsAsync(TestStore store)
    {
        await using var db = store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().CountAsync();
    }
}
