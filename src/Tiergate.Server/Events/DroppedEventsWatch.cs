using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Monitoring.Events;
using Tiergate.Storage.Alerts;

namespace Tiergate.Server.Events;

/// <summary>
/// Monitoring that falls behind must not do so silently: when the usage-event channel has dropped events since the
/// last look, a high-severity <c>events_dropped</c> alert is raised (at most one per <see cref="QuietPeriod"/>; the
/// next one counts everything dropped meanwhile). The drops are also the <c>tiergate.usage_events.dropped</c> metric.
/// </summary>
public sealed partial class DroppedEventsWatch(UsageEventChannel channel, AlertStore alerts, TimeProvider time, ILogger<DroppedEventsWatch> logger) : BackgroundService
{
    public const string Detector = "events_dropped";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(10);

    private long _reported;
    private DateTimeOffset? _lastAlert;

    /// <summary>One look: raises an alert when events were dropped since the last alert and the quiet period is over; returns it.</summary>
    public async Task<AlertView?> CheckAsync(CancellationToken cancellationToken = default)
    {
        var dropped = channel.Dropped;
        var now = time.GetUtcNow();
        if (dropped <= _reported || (_lastAlert is { } last && now - last < QuietPeriod))
        {
            return null;
        }

        var alert = await alerts.RaiseAsync(new NewAlert(Detector, null, null, null, AlertSeverity.High, new Dictionary<string, string>
        {
            ["dropped_since_last_alert"] = (dropped - _reported).ToString(CultureInfo.InvariantCulture),
            ["dropped_total"] = dropped.ToString(CultureInfo.InvariantCulture),
            ["since"] = _lastAlert?.ToString("O", CultureInfo.InvariantCulture) ?? "start",
            ["meaning"] = "The detectors did not see these requests: monitoring fell behind the gateway.",
        }), cancellationToken);
        _reported = dropped;
        _lastAlert = now;
        return alert;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Could not raise the dropped-events alert this time: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
