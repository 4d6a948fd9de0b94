using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Tests.Accounts;

public sealed class AdminListingTests
{
    private const string Actor = AccountsFixture.Actor;

    [Fact]
    public async Task SearchAsync_ExactEmailAnyCase_FindsOneElseNoneAndAllWithoutFilter()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);
        await f.Accounts.Users.AddAsync("bob@example.org", null, null, IdentityLevel.Email, Actor);

        var found = await f.Accounts.Users.SearchAsync(" ADA@example.org ", 10, "user:1");
        var none = await f.Accounts.Users.SearchAsync("<script>@", 10, "user:1");
        var all = await f.Accounts.Users.SearchAsync(null, 10, "user:1");

        Assert.Equal(["ada@example.org"], found.Select(u => u.Email));
        Assert.Equal(["general"], found[0].Grants.Select(g => g.Tier));
        Assert.Empty(none);
        Assert.Equal(["bob@example.org", "ada@example.org"], all.Select(u => u.Email));
        Assert.Equal(3, f.Audit.Events.Count(e => e.Action == "user.list" && e.Actor == "user:1"));
    }

    [Fact]
    public async Task GetAsync_UnknownId_UnknownUser()
    {
        await using var f = await AccountsFixture.CreateAsync();

        var e = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Users.GetAsync(404, Actor));

        Assert.Equal(UserErrors.UnknownUser, e.Code);
    }

    [Fact]
    public async Task IdentityChecksAsync_TwoRecorded_NewestFirstWithEvidenceAndRecorder()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);
        await f.Accounts.Users.RecordIdentityCheckAsync("ada@example.org", IdentityLevel.Verified, "document", "passport <b>seen</b>", "user:7");
        await f.Accounts.Users.RecordIdentityCheckAsync("ada@example.org", IdentityLevel.Affiliated, "institution", "staff page", "user:8");

        var checks = await f.Accounts.Users.IdentityChecksAsync(user.Id);

        // "institution" and "document" are the plain words for the reviewer methods; the account already held an identity
        // verification, so "affiliated" adds the affiliation alone.
        Assert.Equal([("affiliation", "reviewer_institution", "staff page", "user:8"), ("identity", "reviewer_document", "passport <b>seen</b>", "user:7")],
            checks.Select(c => (c.Kind, c.Method, c.Evidence, c.RecordedBy)));
    }

    [Fact]
    public async Task RevokeByIdAsync_ThenAgain_FirstRevokesSecondRefusedAndBothAudited()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, Actor);
        var grant = await f.Accounts.Grants.AddAsync("ada@example.org", "research", null, Actor);

        var revoked = await f.Accounts.Grants.RevokeByIdAsync(grant.Id, "user:1");
        var again = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.RevokeByIdAsync(grant.Id, "user:1"));
        var unknown = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.RevokeByIdAsync(404, "user:1"));

        Assert.Equal(f.Time.GetUtcNow(), revoked.RevokedAt);
        Assert.Equal((GrantErrors.GrantNotFound, GrantErrors.GrantNotFound), (again.Code, unknown.Code));
        Assert.Equal(["ok", "denied", "denied"], f.Audit.Events.Where(e => e.Action == "grant.revoke").Select(e => e.Outcome));
        var listed = await f.Accounts.Grants.ListAsync("ada@example.org", 10, "user:1");
        Assert.Equal([("research", true), ("general", false)], listed.Select(g => (g.Tier, g.RevokedAt is not null)));
    }
}
