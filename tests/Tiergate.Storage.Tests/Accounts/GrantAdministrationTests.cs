using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Tests.Accounts;

public sealed class GrantAdministrationTests
{
    [Fact]
    public async Task AddAsync_IdentityBelowTier_AuditsDenialAndThrowsGrantIdentityInsufficient()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("eve@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.AddAsync("eve@example.org", "research", null, AccountsFixture.Actor));

        Assert.Equal(GrantErrors.GrantIdentityInsufficient, error.Code);
        var denied = f.Audit.Events[^1];
        Assert.Equal(("grant.create", AccountsFixture.Actor, $"user:{user.Id}", "denied"), (denied.Action, denied.Actor, denied.Subject, denied.Outcome));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "research", ["reason"] = "grant_identity_insufficient" }, denied.Details);
    }

    [Fact]
    public async Task AddAsync_ThenRevokeAsync_AuditsBothWithTierAndExpiry()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);

        var grant = await f.Accounts.Grants.AddAsync("ada@example.org", "research", null, AccountsFixture.Actor);
        var revoked = await f.Accounts.Grants.RevokeAsync("ada@example.org", "research", AccountsFixture.Actor);

        Assert.Equal(f.Time.GetUtcNow().AddDays(90), grant.ExpiresAt);
        Assert.Equal(AccountsFixture.Actor, grant.GrantedBy);
        Assert.Equal(grant.Id, Assert.Single(revoked).Id);
        var (created, revokedEvent) = (f.Audit.Events[^2], f.Audit.Events[^1]);
        Assert.Equal(("grant.create", $"user:{user.Id}", "ok"), (created.Action, created.Subject, created.Outcome));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "research", ["grant"] = grant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["expires_at"] = grant.ExpiresAt!.Value.ToString("O"), ["via"] = "override" }, created.Details);
        Assert.Equal(("grant.revoke", $"user:{user.Id}", "ok"), (revokedEvent.Action, revokedEvent.Subject, revokedEvent.Outcome));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "research" }, revokedEvent.Details);
    }

    [Fact]
    public async Task RevokeAsync_NoActiveGrant_ThrowsGrantNotFound()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.RevokeAsync("ada@example.org", "research", AccountsFixture.Actor));

        Assert.Equal(GrantErrors.GrantNotFound, error.Code);
    }

    [Fact]
    public async Task AddAsync_UnknownTier_ThrowsUnknownTier()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.AddAsync("ada@example.org", "platinum", null, AccountsFixture.Actor));

        Assert.Equal(GrantErrors.UnknownTier, error.Code);
    }

    [Fact]
    public async Task AddAsync_UnknownUser_ThrowsUnknownUser()
    {
        await using var f = await AccountsFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.AddAsync("nobody@example.org", "general", null, AccountsFixture.Actor));

        Assert.Equal(UserErrors.UnknownUser, error.Code);
        Assert.Empty(f.Audit.Events);
    }
}
