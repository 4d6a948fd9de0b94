using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Audit;

/// <summary>The audit writer's group-commit metrics: each append's wait, each batch's commit and size, and the queue depth.</summary>
public sealed class AuditLogMetricsTests
{
    [Fact]
    public async Task AppendAsync_WithMetrics_EachAppendAndEachBatchMeasured()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        using var meter = new Meter(AuditLogMetrics.MeterName + ".Test." + Guid.NewGuid().ToString("N"));
        var measured = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        using var listener = Listen(meter, measured);
        await using (var log = new AuditLog(store.Database, key, AuditFixture.NewClock(), metrics: new AuditLogMetrics(meter)))
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => log.AppendAsync(new AuditEvent("test.metrics", "admin:alice", $"item:{i}", "ok")).AsTask()));
            listener.RecordObservableInstruments();
        }

        Assert.Equal(5, measured["tiergate.audit.append.duration"].Count);
        Assert.All(measured["tiergate.audit.append.duration"], seconds => Assert.True(seconds > 0));
        Assert.Equal(5, measured["tiergate.audit.commit.batch_size"].Sum());
        Assert.Equal(measured["tiergate.audit.commit.batch_size"].Count, measured["tiergate.audit.commit.duration"].Count);
        Assert.Equal(0, Assert.Single(measured["tiergate.audit.queue_depth"]));
        Assert.Equal(5, await AuditLogFixture.CountRecordsAsync(store));
    }

    private static MeterListener Listen(Meter meter, ConcurrentDictionary<string, ConcurrentBag<double>> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measured.GetOrAdd(instrument.Name, _ => []).Add(value));
        listener.Start();
        return listener;
    }
}
