using System.Diagnostics.Metrics;

namespace Tiergate.Server.Retention;

/// <summary>Counters of what audit retention removed, through <see cref="IMeterFactory"/>.</summary>
public sealed class AuditRetentionMetrics
{
    public const string MeterName = "Tiergate.Audit";
    private readonly Counter<long> _records;
    private readonly Counter<long> _bytes;

    public AuditRetentionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _records = meter.CreateCounter<long>("tiergate.audit.archived_records", unit: "{record}", description: "Audit records moved into archive files and removed from the database.");
        _bytes = meter.CreateCounter<long>("tiergate.audit.archived_bytes_freed", unit: "By", description: "Stored bytes of the audit rows removed by archiving (space the database reuses).");
    }

    public void Archived(long records, long bytesFreed)
    {
        _records.Add(records);
        _bytes.Add(bytesFreed);
    }
}
