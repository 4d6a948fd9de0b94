using Tiergate.Testing.Notifications;
using System.Net;
using System.Security.Cryptography;
using Tiergate.Core.Access;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Testing.Contracts;

/// <summary>
/// What every <see cref="ICallerStore"/> must do: read the key, its owner and the owner's live grants as
/// administration left them, with no cache that could serve a revoked key or grant. A shared or cached
/// implementation derives from this class and passes the same tests.
/// </summary>
public abstract class CallerStoreContract
{
    protected abstract string Backend { get; }

    /// <summary>The store under test, reading <paramref name="database"/>.</summary>
    protected abstract ICallerStore Create(TiergateDatabase database);

    [Fact]
    public async Task Find_UnknownKey_Null()
    {
        await using var world = await World.CreateAsync(Backend);

        Assert.Null(await Create(world.Store.Database).FindAsync("AAAAAAAAAAAA", IPAddress.Loopback, CancellationToken.None));
    }

    [Fact]
    public async Task Find_IssuedKey_KeyOwnerAndLiveGrantsWithTheStoredHash()
    {
        await using var world = await World.CreateAsync(Backend);
        var user = await world.Admin.Users.AddAsync("ada@example.org", "Ada", null, IdentityLevel.Verified, "test");
        await world.Admin.Grants.AddAsync("ada@example.org", "safety-research", 30, "test");
        await world.Admin.Mfa.EnrolTotpForAsync("ada@example.org", "test");
        var created = await world.Admin.Keys.CreateAsync("ada@example.org", 7, ["203.0.113.0/24"], "test");
        var client = IPAddress.Parse("203.0.113.9");

        var (caller, hash) = (await Create(world.Store.Database).FindAsync(created.Id, client, CancellationToken.None))!.Value;

        Assert.True(world.Hasher.Verify(created.Key, hash));
        Assert.Equal(user.Id, caller.User.Id);
        Assert.Equal((IdentityLevel.Verified, true, false), (caller.User.Identity, caller.User.MfaEnrolled, caller.User.Disabled));
        Assert.Equal(created.Id, caller.Key.Id);
        Assert.NotNull(caller.Key.ExpiresAt);
        Assert.Null(caller.Key.RevokedAt);
        Assert.Single(caller.Key.AllowedNetworks);
        Assert.Equal(["general", "safety-research"], caller.Grants.Select(g => g.Tier).Order());
        Assert.Equal(client, caller.ClientAddress);
    }

    [Fact]
    public async Task Find_VerificationRecordedThenWithdrawn_StandingFollowsOnTheNextRead()
    {
        await using var world = await World.CreateAsync(Backend);
        var user = await world.Admin.Users.AddAsync("ada@example.org", "Ada", null, IdentityLevel.Email, "test");
        var created = await world.Admin.Keys.CreateAsync("ada@example.org", 7, [], "test");
        var store = Create(world.Store.Database);
        await world.Admin.Users.RecordIdentityCheckAsync("ada@example.org", IdentityLevel.Verified, "reviewer_document", "passport seen", TimeSpan.FromDays(30), "test");

        var verified = (await store.FindAsync(created.Id, IPAddress.Loopback, CancellationToken.None))!.Value.Caller.User;
        var record = (await world.Admin.Verifications.ListAsync(user.Id)).Single();
        await world.Admin.Verifications.WithdrawAsync(record.Id, "document was forged", "test");
        var withdrawn = (await store.FindAsync(created.Id, IPAddress.Loopback, CancellationToken.None))!.Value.Caller.User;

        Assert.Equal(IdentityLevel.Verified, verified.Identity);
        Assert.Equal(record.At, verified.Standing.VerifiedAt);
        Assert.Equal(record.ExpiresAt, verified.Standing.IdentityExpiresAt);
        Assert.Equal((IdentityLevel.Email, null), (withdrawn.Identity, withdrawn.Standing.VerifiedAt));
    }

    [Fact]
    public async Task Find_ScopedKey_CarriesItsTiersAndReachesOnlyThem()
    {
        await using var world = await World.CreateAsync(Backend);
        await world.Admin.Users.AddAsync("cy@example.org", null, null, IdentityLevel.Verified, "test");
        await world.Admin.Grants.AddAsync("cy@example.org", "safety-research", 30, "test");
        await world.Admin.Mfa.EnrolTotpForAsync("cy@example.org", "test");
        var scoped = await world.Admin.Keys.CreateAsync("cy@example.org", 7, ["203.0.113.0/24"], ["safety-research"], "test");
        var unscoped = await world.Admin.Keys.CreateAsync("cy@example.org", 7, ["203.0.113.0/24"], "test");
        var store = Create(world.Store.Database);

        var scopedCaller = (await store.FindAsync(scoped.Id, null, CancellationToken.None))!.Value.Caller;
        var unscopedCaller = (await store.FindAsync(unscoped.Id, null, CancellationToken.None))!.Value.Caller;

        Assert.Equal(["safety-research"], scopedCaller.Key.Tiers);
        Assert.False(scopedCaller.Key.Reaches("general"));
        Assert.Empty(unscopedCaller.Key.Tiers);
        Assert.True(unscopedCaller.Key.Reaches("general"));
    }

    [Fact]
    public async Task Find_AfterRevocations_SeesThemOnTheNextRead()
    {
        await using var world = await World.CreateAsync(Backend);
        await world.Admin.Users.AddAsync("bo@example.org", null, null, IdentityLevel.Email, "test");
        var created = await world.Admin.Keys.CreateAsync("bo@example.org", null, [], "test");
        var store = Create(world.Store.Database);
        var before = (await store.FindAsync(created.Id, null, CancellationToken.None))!.Value.Caller;

        await world.Admin.Grants.RevokeAsync("bo@example.org", "general", "test");
        await world.Admin.Keys.RevokeAsync(created.Id, "test");
        var after = (await store.FindAsync(created.Id, null, CancellationToken.None))!.Value.Caller;

        Assert.Single(before.Grants);
        Assert.Null(before.Key.RevokedAt);
        Assert.Empty(after.Grants);
        Assert.NotNull(after.Key.RevokedAt);
    }

    [Fact]
    public async Task Find_ManyConcurrentReads_EachGetsItsOwnCaller()
    {
        await using var world = await World.CreateAsync(Backend);
        var keys = new List<(string Id, long User)>();
        for (var i = 0; i < 8; i++)
        {
            var user = await world.Admin.Users.AddAsync($"u{i}@example.org", null, null, IdentityLevel.Email, "test");
            keys.Add(((await world.Admin.Keys.CreateAsync($"u{i}@example.org", null, [], "test")).Id, user.Id));
        }

        var store = Create(world.Store.Database);
        var found = await Task.WhenAll(Enumerable.Range(0, 200).Select(async n =>
        {
            var (id, user) = keys[n % keys.Count];
            var row = await store.FindAsync(id, null, CancellationToken.None);
            return (Expected: user, Actual: row!.Value.Caller.User.Id);
        }));

        Assert.All(found, f => Assert.Equal(f.Expected, f.Actual));
    }

    /// <summary>A migrated database with the sample policy, and administration as the CLI does it.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly AuditLog _audit;
        private readonly AuditSigningKey _signer;

        private World(TestStore store, AuditLog audit, AuditSigningKey signer, ApiKeyHasher hasher, AccountServices admin)
        {
            Store = store;
            _audit = audit;
            _signer = signer;
            Hasher = hasher;
            Admin = admin;
        }

        public TestStore Store { get; }

        public ApiKeyHasher Hasher { get; }

        public AccountServices Admin { get; }

        public static async Task<World> CreateAsync(string backend)
        {
            var store = await TestStore.CreateAsync(backend);
            var policy = PolicyLoader.Load(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;
            var signer = AuditFixture.NewSigningKey();
            var audit = new AuditLog(store.Database, signer, TimeProvider.System);
            var hasher = new ApiKeyHasher(RandomNumberGenerator.GetBytes(ApiKeyHasher.PepperLength));
            return new World(store, audit, signer, hasher, AccountServices.Create(store.Database, policy, hasher, audit, new RecordingUserNotifier(), TimeProvider.System));
        }

        public async ValueTask DisposeAsync()
        {
            await _audit.DisposeAsync();
            _signer.Dispose();
            await Store.DisposeAsync();
        }
    }
}
