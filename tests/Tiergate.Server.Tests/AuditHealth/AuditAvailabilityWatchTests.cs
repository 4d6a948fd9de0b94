using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Audit;
using Tiergate.Server.AuditHealth;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.Tests.AuditHealth;

public sealed class AuditAvailabilityWatchTests
{
    [Fact]
    public async Task CheckAsync_OutageThenRecovery_AlertOnceWritesSucceedWithTheRefusedCount()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var audit = new AuditLog(store.Database, AuditFixture.NewSigningKey(), time);
        var alerts = new AlertStore(store.Database, audit, time);
        var watch = new AuditAvailabilityWatch(audit, alerts, time, services.GetRequiredService<IMeterFactory>(), NullLogger<AuditAvailabilityWatch>.Instance);
        await audit.AppendAsync(AuditFixture.Event(1));
        var healthy = await watch.CheckAsync();

        // The writer cannot commit (as with a full disk): its head table is gone.
        await store.ExecuteAsync("ALTER TABLE audit_head RENAME TO audit_head_away");
        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await audit.AppendAsync(AuditFixture.Event(2)));
        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await audit.AppendAsync(AuditFixture.Event(3)));
        var during = await watch.CheckAsync();
        var unavailable = audit.UnavailableSince;
        await store.ExecuteAsync("ALTER TABLE audit_head_away RENAME TO audit_head");
        time.Advance(TimeSpan.FromMinutes(2));
        await audit.AppendAsync(AuditFixture.Event(4));
        var after = await watch.CheckAsync();
        var again = await watch.CheckAsync();

        Assert.Null(healthy);
        Assert.Null(during);
        Assert.NotNull(unavailable);
        Assert.Null(audit.UnavailableSince);
        Assert.NotNull(after);
        Assert.Equal((AuditAvailabilityWatch.Detector, "high", "2"), (after.Detector, after.Severity, after.Evidence["refused_appends_total"]));
        Assert.Null(again);
        Assert.Equal(2, audit.RefusedAppends);
    }
}
