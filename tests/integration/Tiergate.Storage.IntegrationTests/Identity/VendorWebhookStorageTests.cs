using System.Globalization;
using System.Text;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Vendors;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Identity;
using Tiergate.Storage.Identity.Vendors;
using Tiergate.Testing.Identity;
using Tiergate.Testing.Notifications;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Identity;

/// <summary>The vendors' webhook processing on the real verification records and processed-event table, on both providers.</summary>
public sealed class VendorWebhookStorageTests
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
    public async Task TryClaim_SameEventConcurrently_ClaimedOnce(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var log = new WebhookEventLog(store.Database, TimeProvider.System);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => log.TryClaimAsync(VendorNames.Stripe, "evt_same"))));

        Assert.Equal(1, claims.Count(c => c));
        Assert.True(await log.TryClaimAsync(VendorNames.Persona, "evt_same")); // unique per vendor, not across vendors
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task HandleAsync_PersonaApprovedThenReplayed_VerifiedOnceAndLevelFollows(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var signer = AuditFixture.NewSigningKey();
        await using var audit = new AuditLog(store.Database, signer, TimeProvider.System);
        var accounts = AccountServices.Create(store.Database, PolicyLoader.Load(Policy).Policy!, new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]), audit, new RecordingUserNotifier(), TimeProvider.System);
        var ada = await accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, "test");
        await accounts.Verifications.RecordAsync(ada.Id, new NewVerification(VerificationKind.Identity, VendorNames.PersonaMethod, VerificationOutcome.Pending, "started", "inq_ada"), "user:1");
        var options = new IdentityVendorOptions(null, new PersonaVendorOptions(new Uri("https://persona.test"), "k", "wbhsec_x", "itmpl_1"), 730, AffiliationDomains.None, true);
        var webhooks = new VendorWebhooks(options, accounts.Verifications, new InMemoryIdentifierGraph(), new WebhookEventLog(store.Database, TimeProvider.System), null, audit, TimeProvider.System);
        var body = Encoding.UTF8.GetBytes(VendorFixtures.PersonaEvent("evt_ada", "inquiry.approved", "inq_ada", ada.Id.ToString(CultureInfo.InvariantCulture), "X1", "DE"));
        var header = WebhookSignature.Header(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body, "wbhsec_x");

        var first = await webhooks.HandleAsync(VendorNames.Persona, body, header);
        var replay = await webhooks.HandleAsync(VendorNames.Persona, body, header);

        Assert.Equal("verified", first.Outcome);
        Assert.Equal(VendorErrors.WebhookDuplicate, replay.Error);
        Assert.Equal("verified", (await accounts.Users.GetAsync(ada.Id, "test")).Identity);
        var record = Assert.Single(await accounts.Verifications.ListAsync(ada.Id));
        Assert.Equal(("verified", "persona", "inq_ada"), (record.Outcome, record.Method, record.VendorReference));
        Assert.NotNull(record.ExpiresAt);
    }
}
