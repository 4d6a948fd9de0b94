using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Monitoring;
using Tiergate.Testing.Notifications;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Monitoring;

/// <summary>Masked alerts and traffic buckets on both providers: unmasking once under concurrency, increments that add across writers.</summary>
public sealed class ProviderMonitoringTests
{
    private const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: research, variants: [standard], policy: aup, identity: email, monitoring: { privacy: aggregate, aggregate_min_users: 3 } }
        """;

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task UnmaskAsync_EightAtOnce_OneSucceedsRestRefusedAllAudited(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var audit = new AuditLog(store.Database, AuditFixture.NewSigningKey(), TimeProvider.System);
        var accounts = AccountServices.Create(store.Database, PolicyLoader.Load(Policy).Policy!, new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]), audit, new RecordingUserNotifier(), TimeProvider.System);
        var user = await accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, "cli:test");
        var reviewer = await accounts.Users.AddAsync("rev@example.org", null, null, IdentityLevel.Email, "cli:test");
        await accounts.Users.SetPrivacyPermissionAsync("rev@example.org", true, "cli:test");
        var alerts = new AlertStore(store.Database, audit, TimeProvider.System);
        var raised = await alerts.RaiseAsync(new NewAlert("rate_spike", user.Id, "abcdefghijkl", "research", AlertSeverity.High, new Dictionary<string, string> { ["x"] = "1" }) { Masked = true });
        Assert.Null(raised.User);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await alerts.UnmaskAsync(raised.Id, $"Reason {i}.", $"user:{reviewer.Id}", reviewer.Id);
                return null;
            }
            catch (TiergateException e)
            {
                return e.Code;
            }
        }));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(AlertErrors.AlertNotMasked, r));
        var read = await alerts.GetAsync(raised.Id, "cli:test");
        Assert.Equal(("ada@example.org", false), (read.User, read.Masked));
        Assert.StartsWith("Reason ", read.UnmaskedReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task AddAsync_TwoWritersAtOnce_CountsAddUsersKeepTheMaximum(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var hour = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var one = new TrafficStore(store.Database);
        var two = new TrafficStore(store.Database);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? one : two).AddAsync(
            [new TrafficCounts("research", hour, 3, 1, 1, 2, 100, i), new TrafficCounts("research", hour.AddHours(1), 1, 0, 0, 0, 5, 1)])));

        var buckets = await one.ListAsync(hour, hour.AddHours(2));
        Assert.Equal(2, buckets.Count);
        Assert.Equal(new TrafficCounts("research", hour, 30, 10, 10, 20, 1000, 9), buckets[0]);
        Assert.Equal(new TrafficCounts("research", hour.AddHours(1), 10, 0, 0, 0, 50, 1), buckets[1]);
        Assert.Empty(await one.ListAsync(hour.AddHours(2), hour.AddHours(3)));
    }
}
