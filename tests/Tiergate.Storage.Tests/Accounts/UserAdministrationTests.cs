using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Tests.Accounts;

public sealed class UserAdministrationTests
{
    [Fact]
    public async Task AddAsync_NewEmail_GrantsAutomaticTiersAndAuditsUserCreate()
    {
        await using var f = await AccountsFixture.CreateAsync();

        var user = await f.Accounts.Users.AddAsync(" Ada@Example.org ", "Ada", "Lab", IdentityLevel.Verified, AccountsFixture.Actor);

        Assert.Equal("ada@example.org", user.Email);
        Assert.Equal("verified", user.Identity);
        Assert.Equal(["general"], user.Grants.Select(g => g.Tier));
        Assert.Equal(["user.create", "identity.verify"], f.Audit.Events.Select(e => e.Action));
        var audited = f.Audit.Events[0];
        Assert.Equal(("user.create", AccountsFixture.Actor, $"user:{user.Id}", "ok"), (audited.Action, audited.Actor, audited.Subject, audited.Outcome));
        Assert.Equal(new Dictionary<string, string> { ["identity"] = "verified", ["auto_grants"] = "general", ["role"] = "applicant" }, audited.Details);
        Assert.Equal(("operator", "verified"), (f.Audit.Events[1].Details!["method"], f.Audit.Events[1].Details!["to"]));
    }

    [Fact]
    public async Task AddAsync_SameEmailInOtherCase_ThrowsUserExists()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Users.AddAsync("ADA@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor));

        Assert.Equal(UserErrors.UserExists, error.Code);
        Assert.Single(f.Audit.Events);
    }

    [Fact]
    public async Task AddAsync_NotAnEmail_ThrowsInvalidArgument()
    {
        await using var f = await AccountsFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Users.AddAsync("not-an-email", null, null, IdentityLevel.Email, AccountsFixture.Actor));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Empty(f.Audit.Events);
    }
}
