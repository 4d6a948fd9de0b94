using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Storage.Identity.Links;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Identity;

/// <summary>The identifier graph on both providers: links, clusters joined and split, family phones, weak scoring, refusals.</summary>
public sealed class IdentifierGraphTests
{
    private const string Actor = GraphWorld.Actor;

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_SamePhoneInAnotherForm_LinksTheAccountsIntoOneClusterAndStoresNoClearValue(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, b) = await TwoAsync(w);

        var first = await w.Graph.AttachAsync(a, IdentifierKind.Phone, "+44 20 7946 0000", "cli", Actor);
        var second = await w.Graph.AttachAsync(b, IdentifierKind.Phone, "0044 (20) 7946-0000", "cli", Actor);

        Assert.Equal((true, (string?)null), (first.Attached, first.Refusal));
        Assert.Empty(first.LinkedUserIds);
        Assert.Equal([a], second.LinkedUserIds);
        var links = await w.Graph.LinksAsync(a);
        Assert.NotNull(links.ClusterId);
        Assert.Equal([a, b], links.Cluster.Select(m => m.UserId));
        var evidence = Assert.Single(links.Cluster[0].Evidence);
        Assert.Equal(("phone", "strong", 1.0, IdentifierValues.ShownHashLength), (evidence.Kind, evidence.Strength, evidence.Weight, evidence.Hash.Length));
        Assert.Equal([b], evidence.SharedWith);
        await using var db = w.Store.Database.CreateContext();
        var stored = await db.Set<IdentifierEntity>().AsNoTracking().ToListAsync();
        Assert.All(stored, s => Assert.Matches("^[0-9a-f]{64}$", s.Hash));
        Assert.DoesNotContain(stored, s => s.Hash.Contains("442079460000", StringComparison.Ordinal));
        Assert.All(w.Events.Where(e => e.Action == "identity.attach"), e => Assert.DoesNotContain(e.Details!.Values, v => v.Contains("7946", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_CardJoiningTwoClusters_OneClusterKeepingTheLargerSidesLabel(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ids = await w.PeopleAsync("a", "b", "c", "d", "e");
        await w.Graph.AttachAsync(ids[0], IdentifierKind.Payment, "fp_big", "stripe", Actor);
        await w.Graph.AttachAsync(ids[1], IdentifierKind.Payment, "fp_big", "stripe", Actor);
        await w.Graph.AttachAsync(ids[2], IdentifierKind.Payment, "fp_big", "stripe", Actor);
        await w.Graph.AttachAsync(ids[3], IdentifierKind.Email, "x.y+1@gmail.com", "cli", Actor);
        await w.Graph.AttachAsync(ids[4], IdentifierKind.Email, "XY@googlemail.com", "cli", Actor);
        var big = (await w.Graph.LinksAsync(ids[0])).ClusterId;
        var small = (await w.Graph.LinksAsync(ids[3])).ClusterId;

        await w.Graph.AttachAsync(ids[3], IdentifierKind.Payment, "fp_big", "stripe", Actor);

        Assert.NotEqual(big, small);
        var links = await w.Graph.LinksAsync(ids[4]);
        Assert.Equal(big, links.ClusterId);
        Assert.Equal(ids, links.Cluster.Select(m => m.UserId).Order());
        Assert.Equal("email", Assert.Single(links.Cluster.Single(m => m.UserId == ids[4]).Evidence).Kind);
        Assert.Equal(1, await w.Graph.RebuildClustersAsync(Actor));
        Assert.Equal(ids, (await w.Graph.LinksAsync(ids[0])).Cluster.Select(m => m.UserId).Order());
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_FamilyPhoneHoldersWithDifferentDocuments_NotMergedAndShownAsWeakFamilyLink(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, b) = await TwoAsync(w);
        await w.Graph.AttachAsync(a, IdentifierKind.Phone, "+14155550100", "cli", Actor);
        await w.Graph.AttachAsync(b, IdentifierKind.Phone, "+1 415 555 0100", "cli", Actor);
        Assert.NotNull((await w.Graph.LinksAsync(a)).ClusterId); // one phone, no documents yet: maybe one person

        await w.Graph.AttachAsync(a, IdentifierKind.Document, "US:111222333", "stripe", Actor);
        await w.Graph.AttachAsync(b, IdentifierKind.Document, "US:444555666", "stripe", Actor);

        var links = await w.Graph.LinksAsync(a);
        Assert.Null(links.ClusterId);
        Assert.Equal([a], links.Cluster.Select(m => m.UserId));
        var possible = Assert.Single(links.Possible);
        Assert.Equal((b, LinkWeights.Household), (possible.UserId, possible.Score));
        Assert.Equal(("phone", "weak", "family_phone"), (possible.Evidence[0].Kind, possible.Evidence[0].Strength, possible.Evidence[0].Note));
        Assert.Equal(0, await w.Graph.RebuildClustersAsync(Actor));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_SharedLineBesideEachHoldersOwnNumber_SplitsIntoHouseholdLink(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, b) = await TwoAsync(w);
        await w.Graph.AttachAsync(a, IdentifierKind.Phone, "+442079460000", "cli", Actor);
        await w.Graph.AttachAsync(b, IdentifierKind.Phone, "+44 20 7946 0000", "cli", Actor);
        await w.Graph.AttachAsync(a, IdentifierKind.Phone, "+447700900111", "cli", Actor);
        Assert.NotNull((await w.Graph.LinksAsync(a)).ClusterId); // one holder with a number of its own: maybe one person still

        await w.Graph.AttachAsync(b, IdentifierKind.Phone, "+447700900222", "cli", Actor);

        var links = await w.Graph.LinksAsync(b);
        Assert.Null(links.ClusterId);
        var possible = Assert.Single(links.Possible);
        Assert.Equal((a, LinkWeights.Household), (possible.UserId, possible.Score));
        Assert.Equal(("phone", "weak", "family_phone"), (possible.Evidence[0].Kind, possible.Evidence[0].Strength, possible.Evidence[0].Note));
        Assert.Equal(0, await w.Graph.RebuildClustersAsync(Actor));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_CardHeldByTwoDocuments_HouseholdCardNotMerged(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, b) = await TwoAsync(w);
        await w.Graph.AttachManyAsync(a, [(IdentifierKind.Payment, "card_fp_family"), (IdentifierKind.Document, "DE:C01X00T47")], "stripe", Actor);
        await w.Graph.AttachManyAsync(b, [(IdentifierKind.Payment, "card_fp_family"), (IdentifierKind.Document, "DE:C01X00T58")], "stripe", Actor);

        var links = await w.Graph.LinksAsync(a);
        Assert.Null(links.ClusterId);
        Assert.Equal(("payment", "family_card"), (Assert.Single(Assert.Single(links.Possible).Evidence).Kind, links.Possible[0].Evidence[0].Note));
        Assert.Equal(0, await w.Graph.RebuildClustersAsync(Actor));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_SharedNumberAndNoOtherNumbers_StaysOneCluster(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ids = await w.PeopleAsync("r1", "r2", "r3");
        foreach (var id in ids)
        {
            await w.Graph.AttachAsync(id, IdentifierKind.Phone, "+33612345678", "cli", Actor);
        }

        await w.Graph.AttachAsync(ids[0], IdentifierKind.Phone, "+33698765432", "cli", Actor); // one holder's second number proves nothing

        Assert.Equal(ids, (await w.Graph.LinksAsync(ids[2])).Cluster.Select(m => m.UserId).Order());
        Assert.Equal(1, await w.Graph.RebuildClustersAsync(Actor));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task LinksAsync_SharedDeviceAndCrowdedNetwork_DeviceIsPossibleLinkAndTheCrowdAddsLittle(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ids = await w.PeopleAsync("a", "b", "c", "d", "e", "f");
        await w.Graph.AttachAsync(ids[0], IdentifierKind.Device, "dev-1", "console", Actor);
        await w.Graph.AttachAsync(ids[1], IdentifierKind.Device, "dev-1", "console", Actor);
        foreach (var id in ids)
        {
            await w.Graph.AttachAsync(id, IdentifierKind.IpPrefix, $"192.0.2.{id % 200}", "console", Actor); // one /24 for all six
        }

        var links = await w.Graph.LinksAsync(ids[0]);

        Assert.Null(links.ClusterId);
        Assert.Equal(ids[1], links.Possible[0].UserId);
        Assert.Equal(0.6 + 0.06, links.Possible[0].Score, 3);
        Assert.Single(links.Possible); // the others share only the /24 with five others: 0.3 / 5 each
        var network = links.Possible[0].Evidence.Single(e => e.Kind == "ip_prefix");
        Assert.Equal((6, 0.06), (network.Holders, network.Weight));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_DocumentHeldByAnotherAccount_RefusedAsDocumentInUseAndAuditedUnlessTheRuleIsOff(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, b) = await TwoAsync(w);
        await w.Graph.AttachAsync(a, IdentifierKind.Document, "DE:C01X00T47", "cli", Actor);

        var refused = await w.Graph.AttachAsync(b, IdentifierKind.Document, "de: c01x-00t47", "cli", Actor);

        Assert.Equal((false, LinkErrors.DocumentInUse.Name), (refused.Attached, refused.Refusal));
        Assert.Equal([a], refused.LinkedUserIds);
        Assert.Equal(LinkErrors.DocumentInUse.Name, w.Events.Last().Details!["reason"]);
        Assert.Equal("denied", w.Events.Last().Outcome);
        Assert.Null((await w.Graph.LinksAsync(b)).ClusterId);

        var lax = new IdentifierGraph(w.Store.Database, w, w.Time, oneDocumentOneAccount: false);
        var shared = await lax.AttachAsync(b, IdentifierKind.Document, "DE:C01X00T47", "cli", Actor);
        Assert.True(shared.Attached);
        Assert.Equal((await w.Graph.LinksAsync(a)).ClusterId, (await w.Graph.LinksAsync(b)).ClusterId);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_IdentifierOfBannedAccount_RefusedOnANewAccount(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, b) = await TwoAsync(w);
        await w.Graph.AttachAsync(a, IdentifierKind.Payment, "fp_bad", "stripe", Actor);
        await w.Graph.AttachAsync(a, IdentifierKind.Phone, "+33 1 23 45 67 89", "cli", Actor);
        await w.Bans.BanAsync("a@example.org", "Sold access to a banned group.", Actor);

        var card = await w.Graph.AttachAsync(b, IdentifierKind.Payment, "fp_bad", "stripe", Actor);
        var phone = await w.Graph.AttachAsync(b, IdentifierKind.Phone, "0033123456789", "cli", Actor);
        var device = await w.Graph.AttachAsync(b, IdentifierKind.Device, "dev-9", "console", Actor);

        Assert.Equal((false, LinkErrors.IdentifierBanned.Name), (card.Attached, card.Refusal));
        Assert.Equal((false, LinkErrors.IdentifierBanned.Name), (phone.Attached, phone.Refusal));
        Assert.Equal([a], card.LinkedUserIds);
        Assert.True(device.Attached);
        // Refused, yet kept as evidence: the new account is in the banned one's cluster, and its applications are flagged.
        Assert.Equal([b, a], (await w.Graph.LinksAsync(b)).Cluster.Select(m => m.UserId));
        Assert.Contains("linked_account_banned", await w.Graph.FlagsForAsync(b));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_SameIdentifierTwice_IdempotentAndAuditedOnce(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, _) = await TwoAsync(w);

        await w.Graph.AttachAsync(a, IdentifierKind.Asn, "AS64500", "geo", Actor);
        var again = await w.Graph.AttachAsync(a, IdentifierKind.Asn, "64500", "geo", Actor);

        Assert.True(again.Attached);
        Assert.Single(w.Events, e => e.Action == "identity.attach");
        await using var db = w.Store.Database.CreateContext();
        Assert.Equal(1, await db.Set<IdentifierEntity>().CountAsync());
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_BadValueOrUnknownUser_ClearErrorsAndNothingStored(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, _) = await TwoAsync(w);

        var national = await Assert.ThrowsAsync<TiergateException>(() => w.Graph.AttachAsync(a, IdentifierKind.Phone, "020 7946 0000", "cli", Actor));
        var unknown = await Assert.ThrowsAsync<TiergateException>(() => w.Graph.AttachAsync(a + 1000, IdentifierKind.Device, "d", "cli", Actor));

        Assert.Equal(ErrorCodes.InvalidArgument, national.Code);
        Assert.Contains("international", national.Message, StringComparison.Ordinal);
        Assert.Equal("unknown_user", unknown.Code.Name);
        await using var db = w.Store.Database.CreateContext();
        Assert.Equal(0, await db.Set<IdentifierEntity>().CountAsync());
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_ChainOfCardsAttachedAtOnce_OneClusterAsTheRebuildFinds(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ids = await w.PeopleAsync([.. Enumerable.Range(0, 12).Select(i => $"p{i}")]);

        // Account i holds cards i and i+1: a chain that joins everyone only when every attach is counted.
        await Task.WhenAll(ids.Select((id, i) => Task.Run(async () =>
        {
            await w.Graph.AttachAsync(id, IdentifierKind.Payment, $"fp_{i}", "stripe", Actor);
            await w.Graph.AttachAsync(id, IdentifierKind.Payment, $"fp_{i + 1}", "stripe", Actor);
        })));

        var incremental = await w.Graph.LinksAsync(ids[0]);
        Assert.Equal(ids, incremental.Cluster.Select(m => m.UserId).Order());
        Assert.Equal(1, await w.Graph.RebuildClustersAsync(Actor));
        Assert.Equal(ids, (await w.Graph.LinksAsync(ids[^1])).Cluster.Select(m => m.UserId).Order());
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AttachAsync_NetworkOfMoreAccountsThanTheCap_ReattachIdempotentAndScoresNothing(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ids = await w.PeopleAsync([.. Enumerable.Range(0, LinkWeights.MaxWeakHolders + 3).Select(i => $"u{i}")]);
        foreach (var id in ids)
        {
            await w.Graph.AttachAsync(id, IdentifierKind.IpPrefix, "198.51.100.7", "console", Actor);
        }

        var again = await Task.WhenAll(ids.Take(5).Concat(ids.TakeLast(5)).Select(id => w.Graph.AttachAsync(id, IdentifierKind.IpPrefix, "198.51.100.9", "console", Actor)));

        Assert.All(again, r => Assert.Equal((true, LinkWeights.MaxWeakHolders), (r.Attached, r.LinkedUserIds.Count)));
        Assert.Empty((await w.Graph.LinksAsync(ids[^1])).Possible);
        await using var db = w.Store.Database.CreateContext();
        Assert.Equal(ids.Length, await db.Set<IdentifierEntity>().CountAsync());
    }

    private static async Task<(long A, long B)> TwoAsync(GraphWorld w)
    {
        var ids = await w.PeopleAsync("a", "b");
        return (ids[0], ids[1]);
    }
}
