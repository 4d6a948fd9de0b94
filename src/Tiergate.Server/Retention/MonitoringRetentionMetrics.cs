using System.Diagnostics.Metrics;
using Tiergate.Storage.Retention;

namespace Tiergate.Server.Retention;

/// <summary>Rows monitoring retention deleted, through <see cref="IMeterFactory"/>, tagged with the kind of data and the tier.</summary>
public sealed class MonitoringRetentionMetrics
{
    public const string MeterName = "Tiergate.Monitoring.Retention";
    private readonly Counter<long> _deleted;

    public MonitoringRetentionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _deleted = meter.CreateCounter<long>("tiergate.monitoring.retention.deleted_rows", unit: "{row}",
            description: "Monitoring rows (traffic buckets, detector state, responses, alerts) deleted because they were older than their tier's retention.");
    }

    public void Deleted(RetentionDeletion deletion)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        _deleted.Add(deletion.Rows, new KeyValuePair<string, object?>("data", deletion.Data), new KeyValuePair<string, object?>("tier", deletion.Tier));
    }
}
