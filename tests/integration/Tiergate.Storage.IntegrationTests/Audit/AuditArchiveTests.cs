using Tiergate.Core.Errors;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

public sealed class AuditArchiveTests
{
    public static TheoryData<string> Providers => new() { TestStore.Sqlite, TestStore.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_RecordsBeforeDate_ArchiveVerifiesAloneAndDatabaseContinuesIt(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(6);
        await kit.AppendHourAsync(4, from: 7);
        var path = kit.PathFor("archive-1.jsonl");

        var result = await kit.Archiver(deleteBatch: 4).ArchiveAsync(cutoff, path);

        Assert.Equal(AuditArchiveStatus.Archived, result.Status);
        Assert.Equal((6L, 1L, 6L), (result.Records, result.FirstSequence, result.LastSequence));
        Assert.True(result.BytesFreed > 6 * 64, $"bytes freed: {result.BytesFreed}");
        var alone = await AuditExportVerifier.VerifyAsync(path, kit.Trusted);
        Assert.True(alone.Ok, alone.Problem);
        Assert.Equal((6L, 6L), (alone.RecordsChecked, alone.LastSequence));
        Assert.Equal(4, await AuditLogFixture.CountRecordsAsync(kit.Store));
        var database = await kit.VerifyDatabaseAsync();
        Assert.True(database.Ok, database.Problem);
        Assert.Equal((4L, 10L), (database.RecordsChecked, database.LastSequence));
        var chain = await kit.VerifyChainAsync(path);
        Assert.True(chain.Ok, chain.Problem);
        Assert.Equal(10, chain.RecordsChecked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_TwiceThenExport_ArchivesInAnyOrderAndExportVerifyAsOneChain(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var first = await kit.AppendHourAsync(5);
        var second = await kit.AppendHourAsync(5, from: 6);
        await kit.AppendHourAsync(3, from: 11);
        var one = kit.PathFor("one.jsonl");
        var two = kit.PathFor("two.jsonl");
        Assert.Equal(AuditArchiveStatus.Archived, (await kit.Archiver().ArchiveAsync(first, one)).Status);

        var again = await kit.Archiver().ArchiveAsync(second, two);

        Assert.Equal((6L, 10L), (again.FirstSequence, again.LastSequence));
        var alone = await AuditExportVerifier.VerifyAsync(two, kit.Trusted);
        Assert.True(alone.Ok, alone.Problem);
        var chain = await kit.VerifyChainAsync(two, one);
        Assert.True(chain.Ok, chain.Problem);
        Assert.Equal((13L, 13L), (chain.RecordsChecked, chain.LastSequence));
        var export = kit.PathFor("export.jsonl");
        await using (var file = File.Create(export))
        {
            await AuditExporter.ExportAsync(kit.Store.Database.CreateContext, kit.Trusted, file, kit.Clock);
        }

        var exported = await AuditExportVerifier.VerifyAsync(export, kit.Trusted);
        Assert.True(exported.Ok, exported.Problem);
        Assert.Equal((3L, 13L), (exported.RecordsChecked, exported.LastSequence));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_NothingOlder_WritesNothing(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        await kit.AppendHourAsync(3);
        var path = kit.PathFor("none.jsonl");

        var result = await kit.Archiver().ArchiveAsync(AuditFixture.NewClock().GetUtcNow().AddMinutes(-1), path);

        Assert.Equal(AuditArchiveStatus.NothingToArchive, result.Status);
        Assert.False(File.Exists(path));
        Assert.Equal(3, await AuditLogFixture.CountRecordsAsync(kit.Store));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_OutputExists_RefusesAndKeepsRecords(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(3);
        var path = kit.PathFor("exists.jsonl");
        await File.WriteAllTextAsync(path, "keep me");

        var error = await Assert.ThrowsAsync<TiergateException>(() => kit.Archiver().ArchiveAsync(cutoff, path));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
        Assert.Equal(3, await AuditLogFixture.CountRecordsAsync(kit.Store));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_ChainAlreadyBroken_RefusesAndRemovesNothing(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(5);
        await kit.Store.ExecuteAsync("UPDATE audit_records SET outcome = 'ok' WHERE seq = 3");
        var path = kit.PathFor("broken.jsonl");

        var error = await Assert.ThrowsAsync<TiergateException>(() => kit.Archiver().ArchiveAsync(cutoff, path));

        Assert.Equal(ErrorCodes.AuditChainInvalid, error.Code);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
        Assert.Equal(5, await AuditLogFixture.CountRecordsAsync(kit.Store));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_WhileAppending_EveryRecordIsInTheArchiveOrTheDatabase(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(400);
        var path = kit.PathFor("busy.jsonl");
        using var stop = new CancellationTokenSource();
        var appended = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await kit.Log.AppendAsync(AuditFixture.Event(1000 + appended));
                appended++;
            }
        });

        var result = await kit.Archiver(deleteBatch: 25).ArchiveAsync(cutoff, path);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(400, result.Records);
        Assert.True(appended > 0);
        var chain = await kit.VerifyChainAsync(path);
        Assert.True(chain.Ok, chain.Problem);
        Assert.Equal(400 + appended, chain.LastSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_TwoArchiversAtOnce_OneArchivesAndTheChainHolds(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(300);
        await kit.AppendHourAsync(2, from: 301);

        var results = await Task.WhenAll(
            kit.Archiver(deleteBatch: 10).ArchiveAsync(cutoff, kit.PathFor("a.jsonl")),
            kit.Archiver(deleteBatch: 10).ArchiveAsync(cutoff, kit.PathFor("b.jsonl")));

        var archived = Assert.Single(results, r => r.Status == AuditArchiveStatus.Archived);
        Assert.Contains(results, r => r.Status is AuditArchiveStatus.Busy or AuditArchiveStatus.NothingToArchive);
        Assert.Single(Directory.GetFiles(kit.Store.Options.DataDirectory, "*.jsonl*"));
        var chain = await kit.VerifyChainAsync(archived.Path!);
        Assert.True(chain.Ok, chain.Problem);
        Assert.Equal(302, chain.RecordsChecked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArchiveAsync_EveryRecordArchived_NextAppendContinuesTheAnchor(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(5);
        var path = kit.PathFor("all.jsonl");
        Assert.Equal(5, (await kit.Archiver().ArchiveAsync(cutoff.AddHours(2), path)).Records);
        Assert.Equal(0, await AuditLogFixture.CountRecordsAsync(kit.Store));
        Assert.True((await kit.VerifyDatabaseAsync()).Ok);

        await kit.Log.AppendAsync(AuditFixture.Event(6));

        var database = await kit.VerifyDatabaseAsync();
        Assert.True(database.Ok, database.Problem);
        Assert.Equal((1L, 6L), (database.RecordsChecked, database.LastSequence));
        var chain = await kit.VerifyChainAsync(path);
        Assert.True(chain.Ok, chain.Problem);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyDatabase_EverythingArchivedAndHeadRewritten_Fails(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var cutoff = await kit.AppendHourAsync(5);
        await kit.Archiver().ArchiveAsync(cutoff.AddHours(2), kit.PathFor("all.jsonl"));

        await kit.Store.ExecuteAsync("UPDATE audit_head SET created_unix_ms = created_unix_ms + 1");
        var result = await kit.VerifyDatabaseAsync();

        Assert.False(result.Ok);
        Assert.Contains("invalid signature", result.Problem, StringComparison.Ordinal);
    }
}
