using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

/// <summary>Each test tampers with the stored log by direct SQL, as someone with database access would.</summary>
public sealed class AuditTamperTests
{
    private const int Records = AuditLogFixture.LogRecords;

    public static TheoryData<string> Providers => new() { TestStore.Sqlite, TestStore.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_UntouchedLog_Succeeds(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        var result = await VerifyAsync(store, key);

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(Records, result.RecordsChecked);
        Assert.Equal(Records, result.LastSequence);
        Assert.Equal(3, result.CheckpointsChecked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_RecordModified_NamesModifiedRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        await store.ExecuteAsync("UPDATE audit_records SET outcome = 'ok' WHERE seq = 6");

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(6, result.FirstBadSequence);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_RecordDeleted_NamesDeletedRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        await store.ExecuteAsync("DELETE FROM audit_records WHERE seq = 4");

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_DeletedRecordRenumbered_NamesFirstRenumberedRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        // Hide the gap: delete record 4 and move 5..10 down to 4..9.
        await store.ExecuteAsync("DELETE FROM audit_records WHERE seq = 4");
        await store.ExecuteAsync("UPDATE audit_records SET seq = seq + 1000 WHERE seq > 4");
        await store.ExecuteAsync("UPDATE audit_records SET seq = seq - 1001 WHERE seq > 1000");

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBadSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_ForgedRecordInsertedMidChain_NamesFirstRecordThatNoLongerHolds(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        // A careful forger: make room at 6, and give the forged record a correct link and hash.
        await store.ExecuteAsync("UPDATE audit_records SET seq = seq + 1000 WHERE seq >= 6");
        await store.ExecuteAsync("UPDATE audit_records SET seq = seq - 999 WHERE seq >= 1000");
        var forged = await ForgeAfterAsync(store, 5);
        await store.ExecuteAsync(
            "INSERT INTO audit_records (seq, ts_unix_ms, action, actor, subject, outcome, details, prev_hash, hash) VALUES (6, {0}, 'grant.create', 'admin:mallory', 'user:7', 'ok', NULL, {1}, {2})",
            forged.TimestampUnixMs, forged.PreviousHash, forged.Hash);

        var result = await VerifyAsync(store, key);

        // Record 6 is self-consistent; the chain stops holding at the displaced record, now 7.
        Assert.False(result.Ok);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_ForgedRecordAppended_NamesInsertedRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        var forged = await ForgeAfterAsync(store, Records);

        await store.ExecuteAsync(
            "INSERT INTO audit_records (seq, ts_unix_ms, action, actor, subject, outcome, details, prev_hash, hash) VALUES ({0}, {1}, 'grant.create', 'admin:mallory', 'user:7', 'ok', NULL, {2}, {3})",
            forged.Sequence, forged.TimestampUnixMs, forged.PreviousHash, forged.Hash);

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(Records + 1, result.FirstBadSequence);
        Assert.Contains("not sealed", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_RecordsReordered_NamesFirstMovedRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        await store.ExecuteAsync("UPDATE audit_records SET seq = -3 WHERE seq = 3");
        await store.ExecuteAsync("UPDATE audit_records SET seq = 3 WHERE seq = 7");
        await store.ExecuteAsync("UPDATE audit_records SET seq = 7 WHERE seq = -3");

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_LogTruncated_NamesFirstMissingRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        await store.ExecuteAsync("DELETE FROM audit_records WHERE seq > 7");

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Contains("truncated", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_LogAndHeadTruncated_CheckpointNamesFirstMissingRecord(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        // Checkpoints every 4 records: 1, 5, 9. Cut back to 6 and forge the head away.
        await store.ExecuteAsync("DELETE FROM audit_records WHERE seq > 6");
        await store.ExecuteAsync("DELETE FROM audit_head");

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(7, result.FirstBadSequence);
        Assert.Contains("truncated", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_TailRehashedWithoutKey_NamesRecordAtBrokenSeal(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);

        // Alter record 10 and recompute its hash; the head still holds the signed old hash.
        await store.ExecuteAsync("UPDATE audit_records SET outcome = 'denied' WHERE seq = 10");
        await using (var db = store.Database.CreateContext())
        {
            var record = await db.Set<AuditRecordEntity>().SingleAsync(r => r.Sequence == 10);
            record.Hash = AuditCanonical.HashRecord(record);
            var head = await db.Set<AuditHeadEntity>().SingleAsync();
            head.Hash = record.Hash;
            await db.SaveChangesAsync();
        }

        var result = await VerifyAsync(store, key);
        Assert.False(result.Ok);
        Assert.Equal(10, result.FirstBadSequence);
        Assert.Contains("invalid signature", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_OtherSigningKey_Fails(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        using var other = AuditFixture.NewSigningKey();

        var result = await VerifyAsync(store, other);
        Assert.False(result.Ok);
        Assert.Contains("not the trusted key", result.Problem, StringComparison.Ordinal);
    }

    private static Task<AuditVerificationResult> VerifyAsync(TestStore store, AuditSigningKey key) =>
        AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey);

    private static async Task<AuditRecordEntity> ForgeAfterAsync(TestStore store, long previous)
    {
        await using var db = store.Database.CreateContext();
        var before = await db.Set<AuditRecordEntity>().AsNoTracking().SingleAsync(r => r.Sequence == previous);
        var forged = new AuditRecordEntity
        {
            Sequence = previous + 1,
            TimestampUnixMs = before.TimestampUnixMs,
            Action = "grant.create",
            Actor = "admin:mallory",
            Subject = "user:7",
            Outcome = "ok",
            PreviousHash = before.Hash,
            Hash = [],
        };
        forged.Hash = AuditCanonical.HashRecord(forged);
        return forged;
    }
}
