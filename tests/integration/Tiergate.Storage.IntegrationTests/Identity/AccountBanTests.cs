using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Accounts.Sessions;
using Tiergate.Storage.Identity.Links;
using Tiergate.Storage.Vetting;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Identity;

/// <summary>Bans on both providers: everything the account holds ends at once, its strong identifiers cannot come back, applications from its cluster are flagged.</summary>
public sealed class AccountBanTests
{
    private const string Actor = GraphWorld.Actor;

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task BanAsync_AccountWithGrantsKeysSessions_AllEndAtOnceAndTheCallerLookupRefusesTheKey(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var (a, _) = await TwoAsync(w);
        await w.Accounts.Grants.AddAsync("a@example.org", "research", null, Actor);
        var key = await w.Accounts.Keys.CreateAsync("a@example.org", null, [], Actor);
        var sessions = new SessionStore(w.Store.Database, w, w.Time);
        var handle = await sessions.CreateAsync(a, true, "test", "127.0.0.1");
        await w.Graph.AttachAsync(a, IdentifierKind.Document, "GB:123456789", "cli", Actor);
        await w.Graph.AttachAsync(a, IdentifierKind.Device, "dev-1", "cli", Actor);

        var ban = await w.Bans.BanAsync("A@example.org", "Shared the key with a banned group.", Actor);

        Assert.Equal((a, 2, 1, 1, 2), (ban.UserId, ban.GrantsRevoked, ban.KeysRevoked, ban.SessionsEnded, ban.IdentifiersBanned)); // general + research; document + mailbox
        Assert.Null(await sessions.FindAsync(handle));
        await using var callers = new CallerStore(w.Store.Database);
        var found = await callers.FindAsync(key.Id, IPAddress.Loopback, CancellationToken.None);
        Assert.True(found is null || found.Value.Caller.User.Disabled);
        await using var db = w.Store.Database.CreateContext();
        Assert.NotNull((await db.Users.AsNoTracking().SingleAsync(u => u.Id == a)).DisabledAt);
        Assert.Equal(0, await db.Grants.CountAsync(g => g.UserId == a && g.RevokedAt == null));
        var banRow = await db.Set<UserBanEntity>().AsNoTracking().SingleAsync();
        Assert.Equal("Shared the key with a banned group.", banRow.Reason);
        Assert.True(await w.Bans.IsBannedAsync(a));
        var audited = w.Events.Single(e => e.Action == "user.ban");
        Assert.Equal(("ok", $"user:{a}"), (audited.Outcome, audited.Subject));
        Assert.DoesNotContain(audited.Details!.Values, v => v.Contains("banned group", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task BanAsync_StoredReason_EncryptedAtRest(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        await TwoAsync(w);

        await w.Bans.BanAsync("a@example.org", "Plainly visible reason text", Actor);

        await using var db = w.Store.Database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Reason\" FROM user_bans";
        var raw = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("visible", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task BanAsync_AlreadyBannedOrNoReason_ClearErrorsAndAuditedDenials(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        await TwoAsync(w);
        await w.Bans.BanAsync("a@example.org", "First.", Actor);

        var again = await Assert.ThrowsAsync<TiergateException>(() => w.Bans.BanAsync("a@example.org", "Second.", Actor));
        var empty = await Assert.ThrowsAsync<TiergateException>(() => w.Bans.BanAsync("b@example.org", "  ", Actor));
        var nobody = await Assert.ThrowsAsync<TiergateException>(() => w.Bans.BanAsync("z@example.org", "Why.", Actor));

        Assert.Equal(LinkErrors.UserBanned, again.Code);
        Assert.Equal(ErrorCodes.InvalidArgument, empty.Code);
        Assert.Equal("unknown_user", nobody.Code.Name);
        Assert.Equal(["ok", "denied", "denied"], w.Events.Where(e => e.Action == "user.ban").Select(e => e.Outcome));
        Assert.False(await w.Bans.IsBannedAsync((await w.Graph.FindUserAsync("b@example.org")).Id));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task BanAsync_ThenTheSameGmailMailboxWithDotsAndTag_RefusedOnTheNewAccount(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ada = (await w.Accounts.Users.AddAsync("ada.lovelace@gmail.com", null, null, Core.Policy.IdentityLevel.Email, Actor)).Id;
        var back = (await w.Accounts.Users.AddAsync("adalovelace+again@googlemail.com", null, null, Core.Policy.IdentityLevel.Email, Actor)).Id;
        await w.Bans.BanAsync("ada.lovelace@gmail.com", "Ring.", Actor);

        var refused = await w.Graph.AttachAsync(back, IdentifierKind.Email, "adalovelace+again@googlemail.com", "console.sign_in", $"user:{back}");

        Assert.Equal((false, LinkErrors.IdentifierBanned.Name), (refused.Attached, refused.Refusal));
        Assert.Equal([ada], refused.LinkedUserIds);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task ListApplications_ApplicantClusterHoldsBannedAndDeniedAccounts_FlaggedWithBothReasons(string provider)
    {
        await using var w = await GraphWorld.CreateAsync(provider);
        var ids = await w.PeopleAsync("a", "b", "c", "rex", "lone");
        await w.Accounts.Users.SetRoleAsync("rex@example.org", UserRole.Reviewer, Actor);
        foreach (var id in ids[..3])
        {
            await w.Graph.AttachAsync(id, IdentifierKind.Payment, "fp_ring", "stripe", Actor);
        }

        var denied = await w.Accounts.Applications.SubmitAsync(Request("b@example.org"), Actor);
        await w.Accounts.Applications.ReviewAsync(denied.Id, "rex@example.org", ReviewVerdict.Deny, "No.", Actor);
        await w.Bans.BanAsync("c@example.org", "Ring.", Actor);
        await w.Accounts.Applications.SubmitAsync(Request("a@example.org"), Actor);
        await w.Accounts.Applications.SubmitAsync(Request("lone@example.org"), Actor);

        var listed = await w.Accounts.Applications.ListAsync(ApplicationStatus.Pending, null, Actor);

        Assert.Equal(["linked_account_banned", "linked_account_denied"], listed.Single(v => v.User == "a@example.org").Flags.Where(f => f.StartsWith("linked_", StringComparison.Ordinal)));
        Assert.DoesNotContain(listed.Single(v => v.User == "lone@example.org").Flags, f => f.StartsWith("linked_", StringComparison.Ordinal));
        Assert.Equal(["linked_account_banned", "linked_account_denied"], await w.Graph.FlagsForAsync(ids[0]));
        Assert.Empty(await w.Graph.FlagsForAsync(ids[4]));

        var dossier = await w.Accounts.Applications.DossierAsync(listed.Single(v => v.User == "a@example.org").Id, Actor);
        Assert.Equal([ids[0], ids[1], ids[2]], dossier.Links!.Cluster.Select(m => m.UserId));
        Assert.Equal((false, true, true, false), (dossier.Links.Cluster[1].Banned, dossier.Links.Cluster[1].Denied, dossier.Links.Cluster[2].Banned, dossier.Links.Cluster[2].Denied));
        Assert.All(dossier.Links.Cluster, m => Assert.Equal("payment", Assert.Single(m.Evidence).Kind));
    }

    private static ApplicationRequest Request(string email) => new(email, "research", "Evaluating refusals.", null, [], [0]);

    private static async Task<(long A, long B)> TwoAsync(GraphWorld w)
    {
        var ids = await w.PeopleAsync("a", "b");
        return (ids[0], ids[1]);
    }
}
