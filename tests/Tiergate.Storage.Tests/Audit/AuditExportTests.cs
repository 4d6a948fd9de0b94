using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Audit;

public sealed class AuditExportTests
{
    [Fact]
    public async Task VerifyAsync_ExportLineEdited_NamesEditedRecord()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        var path = await AuditLogFixture.ExportAsync(store, key);
        var lines = await File.ReadAllLinesAsync(path);
        var index = Array.FindIndex(lines, l => l.Contains("\"seq\":3,", StringComparison.Ordinal) && l.Contains("\"record\"", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"actor\":\"key:K0003\"", "\"actor\":\"key:K9999\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);

        var result = await AuditExportVerifier.VerifyAsync(path, key.VerificationKey);

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_ExportCutShort_ReportsTruncation()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        var path = await AuditLogFixture.ExportAsync(store, key);
        var lines = await File.ReadAllLinesAsync(path);
        // Drop the last record and everything after it (the checkpoint at 9 survives).
        var lastRecord = Array.FindLastIndex(lines, l => l.Contains("\"type\":\"record\"", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(path, lines[..lastRecord]);

        var result = await AuditExportVerifier.VerifyAsync(path, key.VerificationKey);

        Assert.False(result.Ok);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ExportOfTamperedDatabase_NamesBadRecord()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        await store.ExecuteAsync("DELETE FROM audit_records WHERE seq = 2");
        var path = await AuditLogFixture.ExportAsync(store, key);

        var result = await AuditExportVerifier.VerifyAsync(path, key.VerificationKey);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_ExportCheckedWithOtherKey_Fails()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        using var other = AuditFixture.NewSigningKey();
        var path = await AuditLogFixture.ExportAsync(store, key);

        var result = await AuditExportVerifier.VerifyAsync(path, other.VerificationKey);

        Assert.False(result.Ok);
        Assert.Contains("not the trusted key", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_DatabaseRolledBackBelowEarlierExport_NamesFirstMissingRecord()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        var path = await AuditLogFixture.ExportAsync(store, key);
        var anchor = await AuditExportVerifier.ReadHeadAsync(path);
        Assert.NotNull(anchor);

        // Roll back to record 6 and remove every seal after it: the database alone looks consistent...
        await store.ExecuteAsync("DELETE FROM audit_records WHERE seq > 6");
        await store.ExecuteAsync("DELETE FROM audit_checkpoints WHERE seq > 6");
        await store.ExecuteAsync("DELETE FROM audit_head");
        var alone = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey);

        // ...but not against the earlier export.
        var anchored = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey, [anchor]);

        Assert.Null(alone.FirstBadSequence);
        Assert.False(anchored.Ok);
        Assert.Equal(7, anchored.FirstBadSequence);
        Assert.Contains("earlier export", anchored.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_DatabaseExtendsEarlierExport_Succeeds()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        var path = await AuditLogFixture.ExportAsync(store, key);
        await using (var log = new AuditLog(store.Database, key, AuditFixture.NewClock()))
        {
            await AuditFixture.AppendSequentiallyAsync(log, 5);
        }

        var anchor = await AuditExportVerifier.ReadHeadAsync(path);
        var result = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey, [anchor!]);

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(15, result.RecordsChecked);
    }

}
