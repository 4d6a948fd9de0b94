using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Policy;
using Tiergate.Server.Retention;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Monitoring;
using Tiergate.Storage.Retention;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.Tests.Retention;

/// <summary>The scheduled monitoring retention: runs at start and once per interval on the injected clock, audits and counts what it deleted.</summary>
public sealed class MonitoringRetentionServiceTests
{
    private const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: brief, variants: [standard], policy: aup, identity: email, retention: { usage_events: 2h, alerts: 3h } }
          - { name: long, variants: [standard], policy: aup, identity: email }
        """;

    [Fact]
    public async Task ExecuteAsync_AtStartAndWhenTheClockPassesTheRetention_DeletesAuditsAndCounts()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var audit = new AuditLog(store.Database, AuditFixture.NewSigningKey(), time);
        var alerts = new AlertStore(store.Database, audit, time);
        var traffic = new TrafficStore(store.Database);
        var hour = TrafficCounts.HourOf(time.GetUtcNow());
        await traffic.AddAsync([new TrafficCounts("brief", hour.AddHours(-5), 1, 0, 0, 0, 1, 1), new TrafficCounts("brief", hour, 3, 0, 0, 0, 10, 1), new TrafficCounts("long", hour, 4, 0, 0, 0, 10, 1)]);
        var closed = await alerts.RaiseAsync(new NewAlert("rate_spike", null, null, "brief", AlertSeverity.Low, new Dictionary<string, string>()));
        await alerts.SetStatusAsync(closed.Id, AlertStatus.Resolved, "Checked.", "cli:ops");
        var open = await alerts.RaiseAsync(new NewAlert("rate_spike", null, null, "brief", AlertSeverity.Low, new Dictionary<string, string>()));
        var measured = new List<(long Rows, string Data, string Tier)>();
        using var listener = Listen(measured);
        using var service = new MonitoringRetentionService(
            PolicyLoader.Load(Policy).Policy!, new MonitoringRetention(store.Database, pause: TimeSpan.Zero), audit, new MonitoringRetentionMetrics(meters), time,
            TimeSpan.FromHours(1), NullLogger<MonitoringRetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => (await RetentionRecordsAsync(store)).Count == 1);
        var bucketsAfterStart = await traffic.ListAsync(hour.AddHours(-6), hour.AddHours(1));
        time.Advance(TimeSpan.FromHours(4));
        await WaitUntilAsync(async () => (await RetentionRecordsAsync(store)).Count == 2);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal([("brief", hour), ("long", hour)], bucketsAfterStart.Select(b => (b.Tier, b.HourStart)));
        Assert.Equal(["long"], (await traffic.ListAsync(hour.AddHours(-6), hour.AddHours(1))).Select(b => b.Tier));
        Assert.Equal([open.Id], (await alerts.ListAsync(null, null, "cli:test")).Select(a => a.Id));
        var records = await RetentionRecordsAsync(store);
        Assert.All(records, r => Assert.Equal(("system:retention", "ok"), (r.Actor, r.Outcome)));
        var first = JsonSerializer.Deserialize<Dictionary<string, string>>(records[0].Details!)!;
        var second = JsonSerializer.Deserialize<Dictionary<string, string>>(records[1].Details!)!;
        Assert.Equal(("1", "1"), (first["rows"], first["traffic_buckets.brief"]));
        Assert.Equal(("2", "1", "1", "1"), (second["rows"], second["traffic_buckets.brief"], second["alerts.brief"], second["alerts"]));
        Assert.Equal(
            [(1L, MonitoringRetention.Alerts, "brief"), (1L, MonitoringRetention.TrafficBuckets, "brief"), (1L, MonitoringRetention.TrafficBuckets, "brief")],
            measured.Order());
    }

    [Fact]
    public async Task RunOnceAsync_NothingOld_NoAuditRecordNoMeasurement()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var audit = new AuditLog(store.Database, AuditFixture.NewSigningKey(), time);
        await new TrafficStore(store.Database).AddAsync([new TrafficCounts("brief", TrafficCounts.HourOf(time.GetUtcNow()), 1, 0, 0, 0, 1, 1)]);
        var measured = new List<(long Rows, string Data, string Tier)>();
        using var listener = Listen(measured);
        using var service = new MonitoringRetentionService(
            PolicyLoader.Load(Policy).Policy!, new MonitoringRetention(store.Database), audit, new MonitoringRetentionMetrics(services.GetRequiredService<IMeterFactory>()), time,
            TimeSpan.FromHours(1), NullLogger<MonitoringRetentionService>.Instance);

        var result = await service.RunOnceAsync();

        Assert.Equal((false, 0L), (result.Busy, result.Total));
        Assert.Empty(await RetentionRecordsAsync(store));
        Assert.Empty(measured);
    }

    private static MeterListener Listen(List<(long Rows, string Data, string Tier)> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MonitoringRetentionMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string data = "", tier = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "data")
                {
                    data = tag.Value?.ToString() ?? "";
                }
                else if (tag.Key == "tier")
                {
                    tier = tag.Value?.ToString() ?? "";
                }
            }

            lock (measured)
            {
                measured.Add((value, data, tier));
            }
        });
        listener.Start();
        return listener;
    }

    private static async Task<List<AuditRecordEntity>> RetentionRecordsAsync(TestStore store)
    {
        await using var db = store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == MonitoringRetentionService.AuditAction).OrderBy(r => r.Sequence).ToListAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the retention service did not get there in 20 seconds");
            await Task.Delay(20);
        }
    }
}
