using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;

namespace Tiergate.Server.Retention;

/// <summary>
/// Applies the audit retention policy once at start and then once per interval: the records older than
/// <see cref="AuditRetentionOptions.Keep"/> go into a new archive file in the archive directory
/// (<see cref="AuditArchiver"/>), leaving a signed anchor; each archival is itself an audit record
/// (<c>audit.archive</c>) and counted in <see cref="AuditRetentionMetrics"/>. With several instances on
/// PostgreSQL the archiver's advisory lock lets one archive at a time; the others skip that round.
/// </summary>
public sealed partial class AuditRetentionService(
    AuditRetentionOptions options, AuditArchiver archiver, IAuditLog audit, AuditRetentionMetrics metrics, TimeProvider time, ILogger<AuditRetentionService> logger)
    : BackgroundService
{
    /// <summary>One round; returns what it did.</summary>
    public async Task<AuditArchiveResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        Directory.CreateDirectory(options.ArchiveDirectory);
        // Names sort in archive order; the random part keeps two instances' files apart on shared storage.
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}.jsonl");
        var result = await archiver.ArchiveAsync(now - options.Keep, Path.Combine(options.ArchiveDirectory, name), cancellationToken);
        switch (result.Status)
        {
            case AuditArchiveStatus.Archived:
                metrics.Archived(result.Records, result.BytesFreed);
                LogArchived(logger, result.Records, result.FirstSequence, result.LastSequence, result.BytesFreed, name);
                await audit.AppendAsync(new AuditEvent("audit.archive", "system:retention", $"audit:{result.FirstSequence}..{result.LastSequence}", "ok",
                    new Dictionary<string, string>
                    {
                        ["records"] = result.Records.ToString(CultureInfo.InvariantCulture),
                        ["bytes_freed"] = result.BytesFreed.ToString(CultureInfo.InvariantCulture),
                        ["file"] = name,
                    }), cancellationToken);
                break;
            case AuditArchiveStatus.Busy:
                LogBusy(logger);
                break;
            case AuditArchiveStatus.NothingToArchive:
                break;
        }

        return result;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Interval, time, async ct => await RunOnceAsync(ct), e => LogFailed(logger, e.GetType().Name, e.Message), stoppingToken);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Audit retention archived {Records} records ({First}..{Last}, {BytesFreed} bytes freed) to {File}")]
    private static partial void LogArchived(ILogger logger, long records, long first, long last, long bytesFreed, string file);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Audit retention skipped this round: another instance is archiving")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Error, Message = "Audit retention failed this round ({Error}: {Reason}); nothing archived is lost, the next round tries again")]
    private static partial void LogFailed(ILogger logger, string error, string reason);
}
