using System.Diagnostics.Metrics;

namespace Tiergate.Storage.Audit;

/// <summary>
/// What the audit writer's group commit costs: how long each batch's transaction took, how many records it held,
/// how long each append waited from its queueing to its commit (what a request waits for), and how many appends
/// are queued. Created on a <see cref="Meter"/> the host gives (through its <c>IMeterFactory</c>).
/// </summary>
public sealed class AuditLogMetrics
{
    public const string MeterName = "Tiergate.Audit.Writer";

    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    };

    private static readonly InstrumentAdvice<int> BatchBuckets = new()
    {
        HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
    };

    private readonly Meter _meter;
    private readonly Histogram<double> _commit;
    private readonly Histogram<double> _wait;
    private readonly Histogram<int> _batch;

    public AuditLogMetrics(Meter meter)
    {
        _meter = meter ?? throw new ArgumentNullException(nameof(meter));
        _commit = meter.CreateHistogram("tiergate.audit.commit.duration", "s", "Time to commit one batch of audit records (one transaction).", advice: SecondsBuckets);
        _wait = meter.CreateHistogram("tiergate.audit.append.duration", "s", "Time from an append's queueing to its record being durable: what the request waits for.", advice: SecondsBuckets);
        _batch = meter.CreateHistogram("tiergate.audit.commit.batch_size", "{record}", "Records committed together in one batch.", advice: BatchBuckets);
    }

    /// <summary>Publishes the writer's queue depth from <paramref name="queued"/> (read at each collection).</summary>
    internal void Watch(Func<int> queued) =>
        _meter.CreateObservableGauge("tiergate.audit.queue_depth", queued, "{record}", "Audit appends queued and not yet committed or failed.");

    internal void Committed(int records, TimeSpan commit)
    {
        _commit.Record(commit.TotalSeconds);
        _batch.Record(records);
    }

    internal void Waited(TimeSpan wait) => _wait.Record(wait.TotalSeconds);
}
