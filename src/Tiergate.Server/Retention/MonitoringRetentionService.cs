using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Audit;
using Tiergate.Core.Policy;
using Tiergate.Storage.Retention;

namespace Tiergate.Server.Retention;

/// <summary>
/// Applies each tier's <c>retention</c> (usage events, alerts) once at start and then once per interval, the same
/// interval as audit retention (<c>audit: { interval }</c>, default one hour): <see cref="MonitoringRetention"/> deletes
/// what is older, in small batches. A run that deleted anything leaves one audit record (<c>monitoring.retention</c>)
/// with the counts per kind of data and tier, never content, and adds to <see cref="MonitoringRetentionMetrics"/>.
/// </summary>
public sealed partial class MonitoringRetentionService(
    PolicyDocument policy, MonitoringRetention retention, IAuditLog audit, MonitoringRetentionMetrics metrics, TimeProvider time, TimeSpan interval,
    ILogger<MonitoringRetentionService> logger)
    : BackgroundService
{
    public const string AuditAction = "monitoring.retention";

    /// <summary>Above this many (data, tier) counts the audit record keeps the totals per kind of data only, to stay within its size.</summary>
    private const int MaxTierDetails = 48;

    /// <summary>One round; returns what it did.</summary>
    public async Task<RetentionRunResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var result = await retention.PruneAsync(RetentionCutoffs.For(policy, time.GetUtcNow()), cancellationToken);
        if (result.Busy)
        {
            LogBusy(logger);
            return result;
        }

        if (result.Total == 0)
        {
            return result;
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["rows"] = Invariant(result.Total) };
        foreach (var data in result.Deleted.GroupBy(d => d.Data, StringComparer.Ordinal))
        {
            details[data.Key] = Invariant(data.Sum(d => d.Rows));
        }

        foreach (var deletion in result.Deleted)
        {
            metrics.Deleted(deletion);
            if (result.Deleted.Count <= MaxTierDetails)
            {
                details[$"{deletion.Data}.{deletion.Tier}"] = Invariant(deletion.Rows);
            }
        }

        LogDeleted(logger, result.Total);
        await audit.AppendAsync(new AuditEvent(AuditAction, "system:retention", "monitoring", "ok", details), cancellationToken);
        return result;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(interval, time, async ct => await RunOnceAsync(ct), e => LogFailed(logger, e.GetType().Name, e.Message), stoppingToken);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 5421, Level = LogLevel.Information, Message = "Monitoring retention deleted {Rows} rows older than their tiers' retention")]
    private static partial void LogDeleted(ILogger logger, long rows);

    [LoggerMessage(EventId = 5422, Level = LogLevel.Information, Message = "Monitoring retention skipped this round: another instance is running it")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(EventId = 5423, Level = LogLevel.Error, Message = "Monitoring retention failed this round ({Error}: {Reason}); the next round tries again")]
    private static partial void LogFailed(ILogger logger, string error, string reason);
}
