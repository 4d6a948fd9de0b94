using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tiergate.Core.Policy;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Identity;

/// <summary>
/// The IdentityVerifications migration on both providers: identity checks written before it (one level each) become
/// records of the same meaning, so nobody's level changes on upgrade and nothing is lost.
/// </summary>
public sealed class VerificationMigrationTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Upgrade_LegacyChecks_BecomeRecordsAndLevelsStay(string provider)
    {
        await using var world = await GraphWorld.CreateAsync(provider);
        var (store, accounts) = (world.Store, world.Accounts);
        var ada = await accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, "test");
        var bob = await accounts.Users.AddAsync("bob@example.org", null, null, IdentityLevel.Email, "test");
        await MigrateToAsync(store, "Monitoring");
        var evidence = store.Database.KeyRing!.EncryptString("passport seen", "identity_checks.evidence");
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(world.Time.GetUtcNow().AddDays(-3))!;
        await store.ExecuteAsync("""UPDATE users SET "IdentityLevel" = 2 WHERE "Id" = {0}; UPDATE users SET "IdentityLevel" = 1 WHERE "Id" = {1}""", ada.Id, bob.Id);
        await store.ExecuteAsync("""
            INSERT INTO identity_checks ("UserId", "Level", "Method", "Evidence", "RecordedBy", "At") VALUES ({0}, 2, 'document', {2}, 'cli:old', {3});
            INSERT INTO identity_checks ("UserId", "Level", "Method", "Evidence", "RecordedBy", "At") VALUES ({1}, 1, 'operator', {2}, 'cli:old', {3});
            """, ada.Id, bob.Id, evidence, at);

        await store.Database.MigrateAsync();
        var adaRecords = await accounts.Verifications.ListAsync(ada.Id);
        var bobRecords = await accounts.Verifications.ListAsync(bob.Id);
        var adaAfter = await accounts.Users.GetAsync(ada.Id, "test");

        Assert.Equal(["affiliation", "identity"], adaRecords.Select(r => r.Kind).Order());
        Assert.All(adaRecords.Concat(bobRecords), r => Assert.Equal(("verified", true, "passport seen"), (r.Outcome, r.Valid, r.Evidence)));
        Assert.Equal("identity", Assert.Single(bobRecords).Kind);
        Assert.Equal(("affiliated", "verified"), (adaAfter.Identity, (await accounts.Users.GetAsync(bob.Id, "test")).Identity));
        Assert.NotNull(adaAfter.IdentityVerifiedAt);
    }

    private static async Task MigrateToAsync(TestStore store, string name)
    {
        await using var db = store.Database.CreateContext();
        var target = db.Database.GetMigrations().Last(m => m.EndsWith("_" + name, StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(target);
    }
}
