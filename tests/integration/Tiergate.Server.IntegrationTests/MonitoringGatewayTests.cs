using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Tiergate.Core.Monitoring;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Misuse;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Monitoring;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Monitoring;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>Detectors fed by real requests raise stored, audited alerts; their state survives a restart on both databases.</summary>
public sealed class MonitoringGatewayTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task BlockedPrompts_FiveInARow_RaiseAnAuditedCircumventionAlert(string provider)
    {
        await using var host = await GatewayHost.StartAsync(provider);
        var email = await host.UserWithTiersAsync("general");
        using var client = host.Client(await host.GoodKeyAsync(email));

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: $"{ScreeningGatewayTests.BioPrompt} (attempt {i})"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // The retries resemble the first blocked prompt (the 4th is the 3rd variation), and the 5th completes a streak.
        var raised = await AlertWait.ForAsync(host.Service<AlertStore>(), DetectorCatalogue.Circumvention, 2);
        Assert.Equal(["streak of blocked prompts", "variations of a blocked prompt"], raised.Select(a => a.Evidence["pattern"]));
        Assert.Equal(raised[1].Id, raised[0].RelatedAlertId);
        var alert = raised[0];
        Assert.Equal((email, "general", "open", "medium"), (alert.User, alert.Tier, alert.Status, alert.Severity));
        Assert.Contains("anthrax", alert.Evidence["matched_terms"], StringComparison.Ordinal); // general is a 'full' tier: terms kept (encrypted) for review
        await using var db = host.Store.Database.CreateContext();
        Assert.True(await db.Set<AuditRecordEntity>().AnyAsync(r => r.Action == "alert.raise" && r.Subject == $"alert:{alert.Id}"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task DetectorState_StoredAndLoaded_CarriesAStreakAcrossARestart(string provider)
    {
        await using var host = await GatewayHost.StartAsync(provider);
        var store = host.Store;
        var userId = (await host.Admin.Users.AddAsync("streak@example.org", null, null, Core.Policy.IdentityLevel.Email, "test")).Id;
        await using var audit = new AuditLog(store.Database, AuditSigningKey.LoadOrCreate(store.Options), TimeProvider.System);
        var alerts = new AlertStore(store.Database, audit, TimeProvider.System);
        var at = DateTimeOffset.UtcNow;

        var before = Subscriber(store, alerts);
        for (var i = 0; i < 3; i++)
        {
            await before.OnEventAsync(Block(userId, at.AddMinutes(i)), CancellationToken.None);
        }

        await before.FlushAsync(CancellationToken.None);
        var after = Subscriber(store, alerts); // a new process: empty memory, the same database
        for (var i = 3; i < 5; i++)
        {
            await after.OnEventAsync(Block(userId, at.AddMinutes(i)), CancellationToken.None);
        }

        var raised = Assert.Single(await alerts.ListAsync(null, null, "test"));
        Assert.Equal(DetectorCatalogue.Circumvention, raised.Detector);
        Assert.Equal("5 blocked prompts since " + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), raised.Evidence["seen"]);
    }

    private static MonitorSubscriber Subscriber(TestStore store, AlertStore alerts)
    {
        var policy = Core.Policy.PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;
        return new MonitorSubscriber(new Tiergate.Server.Policies.PolicyHolder(new Tiergate.Server.Policies.PolicySnapshot(policy, null, null)), new MonitorEngine(policy), new MonitorPlaces(null), new MonitorStateStore(store.Database, TimeProvider.System), alerts, [], NullLogger<MonitorSubscriber>.Instance);
    }

    private static UsageEvent Block(long userId, DateTimeOffset at) =>
        new(at, UsageEventKinds.SafeguardBlock) { UserId = userId, KeyId = "abcdefabcdef", Tier = "general", Direction = "input", Category = "bio", Score = 0.9 };
}
