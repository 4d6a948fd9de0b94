using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Storage.Tests.Accounts.Mfa;

public sealed class PasskeyStoreTests
{
    [Fact]
    public async Task AddAsync_OnlyFactor_UserIsMfaEnrolledAndAudited()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (store, userId) = await UserAsync(f);

        Assert.True(await store.AddAsync(userId, Passkey([1, 2, 3]), AccountsFixture.Actor));

        var status = await new MfaService(f.Store.Database, f.Audit, f.Time).StatusAsync(userId);
        Assert.True(status.Enrolled);
        Assert.False(status.TotpEnrolled);
        Assert.Equal(1, status.Passkeys);
        Assert.True(await MfaEnrolledAsync(f, userId));
        Assert.Equal("ok", Assert.Single(f.Audit.Events, e => e.Action == "mfa.passkey.enrol").Outcome);
    }

    [Fact]
    public async Task AddAsync_CredentialIdRegisteredBefore_RefusedAndOneRowKept()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (store, userId) = await UserAsync(f);
        var other = await f.Accounts.Users.AddAsync("bob@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        Assert.True(await store.AddAsync(userId, Passkey([7, 7]), AccountsFixture.Actor));

        Assert.False(await store.AddAsync(other.Id, Passkey([7, 7]), AccountsFixture.Actor));

        Assert.Empty(await store.ListAsync(other.Id));
        Assert.Equal(userId, (await store.FindAsync([7, 7]))!.UserId);
    }

    [Fact]
    public async Task RemoveAsync_AnotherUsersPasskey_RemovesNothing()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (store, userId) = await UserAsync(f);
        var other = await f.Accounts.Users.AddAsync("eve@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        Assert.True(await store.AddAsync(userId, Passkey([9]), AccountsFixture.Actor));
        var id = Assert.Single(await store.ListAsync(userId)).Id;

        Assert.False(await store.RemoveAsync(other.Id, id, AccountsFixture.Actor));

        Assert.Single(await store.ListAsync(userId));
        Assert.True(await MfaEnrolledAsync(f, userId));
    }

    [Fact]
    public async Task RemoveAsync_LastFactor_MfaNoLongerEnrolled()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (store, userId) = await UserAsync(f);
        Assert.True(await store.AddAsync(userId, Passkey([4]), AccountsFixture.Actor));

        Assert.True(await store.RemoveAsync(userId, Assert.Single(await store.ListAsync(userId)).Id, AccountsFixture.Actor));

        Assert.False(await MfaEnrolledAsync(f, userId));
        Assert.Null(await store.FindAsync([4]));
    }

    [Fact]
    public async Task RemoveTotpAsync_PasskeyLeft_StaysMfaEnrolled()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (store, userId) = await UserAsync(f);
        var mfa = new MfaService(f.Store.Database, f.Audit, f.Time);
        await mfa.EnrolTotpForAsync("ada@example.org", AccountsFixture.Actor);
        Assert.True(await store.AddAsync(userId, Passkey([5]), AccountsFixture.Actor));

        await mfa.RemoveTotpAsync(userId, AccountsFixture.Actor);

        Assert.True(await MfaEnrolledAsync(f, userId));
    }

    [Fact]
    public async Task RecordUseAsync_SameCounterTwice_SecondRefused()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var (store, userId) = await UserAsync(f);
        Assert.True(await store.AddAsync(userId, Passkey([6]) with { SignCount = 3 }, AccountsFixture.Actor));
        var stored = (await store.FindAsync([6]))!;

        Assert.True(await store.RecordUseAsync(stored, 4));
        // The same answer again (or a second request racing with the first) still holds the old counter.
        Assert.False(await store.RecordUseAsync(stored, 4));
        Assert.False(await store.RecordUseAsync((await store.FindAsync([6]))!, 4));
        Assert.Equal(4, (await store.FindAsync([6]))!.SignCount);
        Assert.NotNull(Assert.Single(await store.ListAsync(userId)).LastUsedAt);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, true)]
    [InlineData(5, 6, true)]
    [InlineData(5, 5, false)]
    [InlineData(5, 4, false)]
    [InlineData(5, 0, false)]
    public void SignCountAcceptable_StoredAndReceived_OnlyRisingOrBothZero(long stored, long received, bool expected) =>
        Assert.Equal(expected, PasskeyStore.SignCountAcceptable(stored, received));

    private static async Task<(PasskeyStore Store, long UserId)> UserAsync(AccountsFixture f)
    {
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        return (new PasskeyStore(f.Store.Database, f.Audit, f.Time), user.Id);
    }

    private static NewPasskey Passkey(byte[] id) => new(id, [0xA5, 0x01, 0x02], 0, "internal", Guid.Empty, "Laptop");

    private static async Task<bool> MfaEnrolledAsync(AccountsFixture f, long userId)
    {
        await using var db = f.Store.Database.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.MfaEnrolled).SingleAsync();
    }
}
