using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Keys;

namespace Tiergate.Storage.Tests.Accounts;

public sealed class KeyAdministrationTests
{
    [Fact]
    public async Task CreateAsync_ThenListAndRevoke_AuditsEachWithTheActor()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);

        var created = await f.Accounts.Keys.CreateAsync("ada@example.org", 30, ["192.0.2.1", "10.0.0.0/8"], AccountsFixture.Actor);
        var listed = await f.Accounts.Keys.ListAsync("ada@example.org", AccountsFixture.Actor);
        var revoked = await f.Accounts.Keys.RevokeAsync(created.Id, AccountsFixture.Actor);

        Assert.StartsWith("tg_", created.Key, StringComparison.Ordinal);
        Assert.Equal("active", Assert.Single(listed).State);
        Assert.Equal("revoked", revoked.State);
        Assert.Equal(["key.create", "key.list", "key.revoke"], f.Audit.Events.Skip(1).Select(e => e.Action));
        Assert.All(f.Audit.Events, e => Assert.Equal(AccountsFixture.Actor, e.Actor));
        var create = f.Audit.Events[1];
        Assert.Equal($"key:{created.Id}", create.Subject);
        Assert.Equal(new Dictionary<string, string> { ["user"] = $"user:{user.Id}", ["expires_at"] = f.Time.GetUtcNow().AddDays(30).ToString("O"), ["allowed_networks"] = "192.0.2.1/32 10.0.0.0/8", ["tiers"] = "all held" }, create.Details);
        Assert.Equal($"user:{user.Id}", f.Audit.Events[2].Subject);
        Assert.Equal(new Dictionary<string, string> { ["user"] = $"user:{user.Id}" }, f.Audit.Events[3].Details);
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_ThrowsUnknownKey()
    {
        await using var f = await AccountsFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Keys.RevokeAsync("AAAAAAAAAAAA", AccountsFixture.Actor));

        Assert.Equal(KeyErrors.UnknownKey, error.Code);
    }

    [Fact]
    public async Task CreateAsync_NotACidrBlock_ThrowsInvalidArgumentAndAuditsNothing()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Keys.CreateAsync("ada@example.org", null, ["not-an-ip"], AccountsFixture.Actor));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Single(f.Audit.Events);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.1/8")]
    public async Task Create_AllowlistAmbiguousOrMatchingEverything_RefusedAndNothingStored(string entry)
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ip@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Keys.CreateAsync("ip@example.org", 7, [entry], AccountsFixture.Actor));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Empty(await f.Accounts.Keys.ListAsync("ip@example.org", AccountsFixture.Actor));
    }

    [Fact]
    public async Task Revoke_WholeKey_RevokesItsIdWithoutEchoingIt()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("leak@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var created = await f.Accounts.Keys.CreateAsync("leak@example.org", 7, [], AccountsFixture.Actor);

        var revoked = await f.Accounts.Keys.RevokeAsync(created.Key, AccountsFixture.Actor);

        Assert.Equal((created.Id, "revoked"), (revoked.Id, revoked.State));
        Assert.Equal($"key:{created.Id}", f.Audit.Events[^1].Subject);
    }

    [Fact]
    public async Task Revoke_SomethingThatIsNotAnId_ErrorDoesNotEchoIt()
    {
        await using var f = await AccountsFixture.CreateAsync();
        const string pasted = "tg_Secretlooking0000000000000000000000000000000broken";

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Keys.RevokeAsync(pasted, AccountsFixture.Actor));

        Assert.Equal(KeyErrors.UnknownKey, error.Code);
        Assert.DoesNotContain("Secretlooking", error.Message, StringComparison.Ordinal);
    }
}
