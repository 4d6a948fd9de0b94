using Tiergate.Testing.Notifications;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Entities;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Accounts;

/// <summary>
/// <c>users reindex</c>'s work on both providers: rows written under the old normalisation (lowercase and
/// trim only) get the index of their normalised address; look-alikes that now coincide are reported, all kept.
/// </summary>
public sealed class EmailReindexTests
{
    private const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: general, variants: [standard], policy: aup, identity: email, auto_grant: true }
        """;

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task ReindexEmails_LegacyLookAlikes_ReportsCollisionsKeepsEveryRowAndReindexesTheRest(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var signer = AuditFixture.NewSigningKey();
        await using var audit = new AuditLog(store.Database, signer, TimeProvider.System);
        var accounts = AccountServices.Create(store.Database, PolicyLoader.Load(Policy).Policy!, new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]), audit, new RecordingUserNotifier(), TimeProvider.System);
        var ada = await accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, "test");
        var adaFullwidth = await InsertLegacyAsync(store, "ａｄａ@example.org");
        var bob = await InsertLegacyAsync(store, "bob@example.org.");
        var carolFullwidth = await InsertLegacyAsync(store, "ｃａｒｏｌ@example.org");
        var carolDot = await InsertLegacyAsync(store, "carol@example.org.");

        var first = await accounts.Users.ReindexEmailsAsync("test");
        var second = await accounts.Users.ReindexEmailsAsync("test");

        Assert.Equal((5, 2), (first.Checked, first.Reindexed));
        Assert.Empty(first.Invalid);
        Assert.Collection(
            first.Collisions.OrderBy(c => c.Email, StringComparer.Ordinal),
            c => Assert.Equal($"ada@example.org kept {ada.Id} of {ada.Id},{adaFullwidth}", Describe(c)),
            c => Assert.Equal($"carol@example.org kept {carolFullwidth} of {carolFullwidth},{carolDot}", Describe(c)));
        Assert.Equal(0, second.Reindexed);
        Assert.Equal(2, second.Collisions.Count);

        await using var db = store.Database.CreateContext();
        Assert.Equal(5, await db.Users.CountAsync());
        var stored = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Email);
        Assert.Equal("bob@example.org", stored[bob]);
        Assert.Equal("carol@example.org", stored[carolFullwidth]);
        Assert.Equal("carol@example.org.", stored[carolDot]); // a colliding row is left exactly as it was
        Assert.Equal("ａｄａ@example.org", stored[adaFullwidth]);
        foreach (var spelling in new[] { "BOB@example.org", "ａｄａ@example.org", "carol@EXAMPLE.org." })
        {
            var exists = await Assert.ThrowsAsync<TiergateException>(() => accounts.Users.AddAsync(spelling, null, null, IdentityLevel.Email, "test"));
            Assert.Equal(UserErrors.UserExists, exists.Code);
        }

        Assert.Empty(await accounts.Keys.ListAsync("Bob@Example.org.", "test")); // found by a look-alike spelling (unknown_user otherwise)
        var records = await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == "user.reindex").ToListAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("needs_review", r.Outcome));
        Assert.DoesNotContain("example.org", records[0].Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task ReindexEmails_StoredAddressNowRefused_ReportedAsInvalidAndLeftAlone(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var signer = AuditFixture.NewSigningKey();
        await using var audit = new AuditLog(store.Database, signer, TimeProvider.System);
        var accounts = AccountServices.Create(store.Database, PolicyLoader.Load(Policy).Policy!, new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]), audit, new RecordingUserNotifier(), TimeProvider.System);
        var hidden = await InsertLegacyAsync(store, "e\u200Bve@example.org");

        var result = await accounts.Users.ReindexEmailsAsync("test");

        Assert.Equal([hidden], result.Invalid);
        Assert.Equal(0, result.Reindexed);
        await using var db = store.Database.CreateContext();
        Assert.Equal("e\u200Bve@example.org", (await db.Users.AsNoTracking().SingleAsync()).Email);
    }

    private static string Describe(EmailCollision c) => $"{c.Email} kept {c.KeptUserId} of {string.Join(',', c.UserIds.Order())}";

    /// <summary>A row as the previous version wrote it: the address lowercased and trimmed only, indexed as such.</summary>
    private static async Task<long> InsertLegacyAsync(TestStore store, string legacyEmail)
    {
        await using var db = store.Database.CreateContext();
        var user = new UserEntity
        {
            Email = legacyEmail,
            EmailIndex = store.Database.KeyRing!.BlindIndex(legacyEmail, TiergateDbContext.EmailPurpose),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}
