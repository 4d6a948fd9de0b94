using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Audit;

namespace Tiergate.Testing.Storage;

/// <summary>A small signed audit log in a <see cref="TestStore"/>, its export and its record count.</summary>
public static class AuditLogFixture
{
    /// <summary>How many records <see cref="WriteLogAsync"/> writes (with a checkpoint every 4).</summary>
    public const int LogRecords = 10;

    /// <summary>A fresh log of <see cref="LogRecords"/> records, sealed by a new signing key (returned).</summary>
    public static async Task<AuditSigningKey> WriteLogAsync(TestStore store)
    {
        var key = AuditFixture.NewSigningKey();
        await using var log = new AuditLog(store.Database, key, AuditFixture.NewClock(), new AuditLogOptions { CheckpointEveryRecords = 4 });
        await AuditFixture.AppendSequentiallyAsync(log, LogRecords);
        return key;
    }

    /// <summary>Exports the store's log into its data directory; returns the file's path.</summary>
    public static async Task<string> ExportAsync(TestStore store, AuditSigningKey key)
    {
        var path = Path.Combine(store.Options.DataDirectory, "audit-export.jsonl");
        await using var output = File.Create(path);
        await AuditExporter.ExportAsync(store.Database.CreateContext, key.VerificationKey, output, AuditFixture.NewClock());
        return path;
    }

    public static async Task<int> CountRecordsAsync(TestStore store)
    {
        await using var db = store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().CountAsync();
    }
}
