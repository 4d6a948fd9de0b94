using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

/// <summary>Archives are files kept off the host; each test tampers with one, or with the anchor in the database.</summary>
public sealed class AuditArchiveTamperTests
{
    public static TheoryData<string> Providers => new() { TestStore.Sqlite, TestStore.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ArchiveRecordModified_NamesModifiedRecord(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var (one, two) = await TwoArchivesAsync(kit);
        var lines = await File.ReadAllLinesAsync(two);
        var at = Array.FindIndex(lines, l => l.Contains("\"seq\":8,", StringComparison.Ordinal) && l.Contains("\"type\":\"record\"", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("\"outcome\":\"ok\"", "\"outcome\":\"denied\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(two, lines);

        var alone = await AuditExportVerifier.VerifyAsync(two, kit.Trusted);
        var chain = await kit.VerifyChainAsync(one, two);

        Assert.False(alone.Ok);
        Assert.Equal(8, alone.FirstBadSequence);
        Assert.False(chain.Ok);
        Assert.Equal(8, chain.FirstBadSequence);
        Assert.Contains("altered", chain.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ArchiveMissing_NamesFirstRecordNoArchiveHolds(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var (one, two) = await TwoArchivesAsync(kit);

        var withoutFirst = await kit.VerifyChainAsync(two);
        var withoutSecond = await kit.VerifyChainAsync(one);

        Assert.False(withoutFirst.Ok);
        Assert.Equal(1, withoutFirst.FirstBadSequence);
        Assert.Contains("missing", withoutFirst.Problem, StringComparison.Ordinal);
        Assert.False(withoutSecond.Ok);
        Assert.Equal(6, withoutSecond.FirstBadSequence);
        Assert.Contains("no archive given holds them", withoutSecond.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ArchiveRecordsReordered_NamesFirstMovedRecord(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var (one, two) = await TwoArchivesAsync(kit);
        var lines = (await File.ReadAllLinesAsync(one)).ToList();
        var records = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("\"type\":\"record\"", StringComparison.Ordinal)).Select(x => x.i).ToList();
        (lines[records[1]], lines[records[3]]) = (lines[records[3]], lines[records[1]]);
        await File.WriteAllLinesAsync(one, lines);

        var chain = await kit.VerifyChainAsync(one, two);

        Assert.False(chain.Ok);
        Assert.Equal(2, chain.FirstBadSequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ArchiveTruncated_Fails(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var (one, two) = await TwoArchivesAsync(kit);
        var lines = await File.ReadAllLinesAsync(one);
        await File.WriteAllLinesAsync(one, lines[..^3]);

        var alone = await AuditExportVerifier.VerifyAsync(one, kit.Trusted);
        var chain = await kit.VerifyChainAsync(one, two);

        Assert.False(alone.Ok);
        Assert.False(chain.Ok);
        Assert.Contains(one, chain.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_ArchiveStartRewritten_FailsOnItsAnchorSignature(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        var (_, two) = await TwoArchivesAsync(kit);
        var lines = await File.ReadAllLinesAsync(two);
        lines[0] = lines[0].Replace("\"startsAfter\":{\"seq\":5,", "\"startsAfter\":{\"seq\":4,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(two, lines);

        var alone = await AuditExportVerifier.VerifyAsync(two, kit.Trusted);

        Assert.False(alone.Ok);
        Assert.Contains("invalid signature", alone.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyDatabase_AnchorDeleted_NamesFirstArchivedRecordAsMissing(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        await TwoArchivesAsync(kit);

        await kit.Store.ExecuteAsync("DELETE FROM audit_anchors WHERE seq = 10");
        var result = await kit.VerifyDatabaseAsync();

        Assert.False(result.Ok);
        Assert.Equal(6, result.FirstBadSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyDatabase_AnchorMovedForward_FailsOnItsSignature(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        await TwoArchivesAsync(kit);

        // Hide record 11 by claiming the archive ended there.
        await kit.Store.ExecuteAsync("DELETE FROM audit_records WHERE seq = 11");
        await kit.Store.ExecuteAsync("UPDATE audit_anchors SET seq = 11 WHERE seq = 10");
        var result = await kit.VerifyDatabaseAsync();

        Assert.False(result.Ok);
        Assert.Equal(11, result.FirstBadSequence);
        Assert.Contains("invalid signature", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyDatabase_RecordAfterAnchorDeleted_NamesIt(string provider)
    {
        await using var kit = await AuditArchiveKit.CreateAsync(provider);
        await TwoArchivesAsync(kit);

        await kit.Store.ExecuteAsync("DELETE FROM audit_records WHERE seq = 11");
        var result = await kit.VerifyDatabaseAsync();

        Assert.False(result.Ok);
        Assert.Equal(11, result.FirstBadSequence);
    }

    /// <summary>Records 1..5 and 6..10 archived, 11..13 left in the database.</summary>
    private static async Task<(string One, string Two)> TwoArchivesAsync(AuditArchiveKit kit)
    {
        var first = await kit.AppendHourAsync(5);
        var second = await kit.AppendHourAsync(5, from: 6);
        await kit.AppendHourAsync(3, from: 11);
        var one = kit.PathFor("one.jsonl");
        var two = kit.PathFor("two.jsonl");
        Assert.Equal(AuditArchiveStatus.Archived, (await kit.Archiver().ArchiveAsync(first, one)).Status);
        Assert.Equal(AuditArchiveStatus.Archived, (await kit.Archiver().ArchiveAsync(second, two)).Status);
        var intact = await kit.VerifyChainAsync(one, two);
        Assert.True(intact.Ok, intact.Problem);
        return (one, two);
    }
}
