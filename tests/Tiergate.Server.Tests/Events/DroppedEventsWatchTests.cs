using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Events;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.Tests.Events;

public sealed class DroppedEventsWatchTests
{
    [Fact]
    public async Task CheckAsync_DropsThenQuietThenMoreDrops_OneAlertPerQuietPeriodCountingAllDropped()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var channel = new UsageEventChannel(services.GetRequiredService<IMeterFactory>(), capacity: 2);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        await using var audit = new AuditLog(store.Database, AuditFixture.NewSigningKey(), time);
        var alerts = new AlertStore(store.Database, audit, time);
        var watch = new DroppedEventsWatch(channel, alerts, time, NullLogger<DroppedEventsWatch>.Instance);

        var none = await watch.CheckAsync();
        Publish(channel, 7); // nobody reads: 5 dropped
        var first = await watch.CheckAsync();
        Publish(channel, 3);
        var tooSoon = await watch.CheckAsync();
        time.Advance(DroppedEventsWatch.QuietPeriod);
        var second = await watch.CheckAsync();
        time.Advance(DroppedEventsWatch.QuietPeriod);
        var nothingNew = await watch.CheckAsync();

        Assert.Null(none);
        Assert.NotNull(first);
        Assert.Equal(("events_dropped", "high", "open", "5"), (first.Detector, first.Severity, first.Status, first.Evidence["dropped_since_last_alert"]));
        Assert.Null(tooSoon);
        Assert.Equal(("3", "8"), (second!.Evidence["dropped_since_last_alert"], second.Evidence["dropped_total"]));
        Assert.Null(nothingNew);
        Assert.Equal(2, (await alerts.ListAsync(AlertStatus.Open, null, "test")).Count);
    }

    private static void Publish(UsageEventChannel channel, int count)
    {
        for (var i = 0; i < count; i++)
        {
            channel.Publish(new UsageEvent(DateTimeOffset.UnixEpoch, UsageEventKinds.Admitted));
        }
    }
}
