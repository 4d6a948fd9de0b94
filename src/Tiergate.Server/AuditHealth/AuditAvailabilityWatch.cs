using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;

namespace Tiergate.Server.AuditHealth;

/// <summary>
/// Makes an audit outage (disk full, database read-only or gone) loud. While appends fail the gateway
/// refuses requests (503 <c>audit_unavailable</c>); this watch publishes <c>tiergate.audit.available</c>
/// (1 or 0) and <c>tiergate.audit.refused_appends</c> at once, logs a critical line when the outage
/// begins, and, since an alert cannot be stored while the database refuses writes, raises the
/// high-severity <c>audit_unavailable</c> alert as soon as it can: once writes succeed again, with the
/// outage's start, end and the number of refused appends. The audit writer recovers by itself (it
/// reopens its connection for each batch after a failure), so nothing needs restarting.
/// </summary>
public sealed partial class AuditAvailabilityWatch : BackgroundService
{
    public const string Detector = "audit_unavailable";
    public const string MeterName = "Tiergate.Audit.Health";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly AuditLog? _log;
    private readonly AlertStore _alerts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTimeOffset? _outageStart;
    private long _refusedAtStart;
    private long _refusedBefore;
    private DateTimeOffset? _pendingEnd;

    /// <param name="audit">The gateway's audit log; a host that supplies another <see cref="Tiergate.Core.Audit.IAuditLog"/> gets no watch.</param>
    public AuditAvailabilityWatch(Tiergate.Core.Audit.IAuditLog audit, AlertStore alerts, TimeProvider time, IMeterFactory meters, ILogger<AuditAvailabilityWatch> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _log = audit as AuditLog;
        _alerts = alerts;
        _time = time;
        _logger = logger;
        if (_log is { } log)
        {
            var meter = meters.Create(MeterName);
            meter.CreateObservableGauge("tiergate.audit.available", () => log.UnavailableSince is null ? 1 : 0, description: "1 while audit records commit, 0 while they fail (requests are refused).");
            meter.CreateObservableCounter("tiergate.audit.refused_appends", () => log.RefusedAppends, unit: "{record}", description: "Audit appends that failed, so their actions were refused.");
        }
    }

    /// <summary>One look; returns the alert raised when an outage has ended and its alert could be stored.</summary>
    public async Task<AlertView?> CheckAsync(CancellationToken cancellationToken = default)
    {
        if (_log is null)
        {
            return null;
        }

        if (_log.UnavailableSince is { } since)
        {
            if (_outageStart is null)
            {
                _outageStart = since;
                _refusedAtStart = _refusedBefore;
                _pendingEnd = null;
                LogUnavailable(_logger, since.ToString("O", CultureInfo.InvariantCulture));
            }

            return null;
        }

        if (_outageStart is not { } start)
        {
            _refusedBefore = _log.RefusedAppends;
            return null;
        }

        _pendingEnd ??= _time.GetUtcNow();
        var alert = await _alerts.RaiseAsync(new NewAlert(Detector, null, null, null, AlertSeverity.High, new Dictionary<string, string>
        {
            ["since"] = start.ToString("O", CultureInfo.InvariantCulture),
            ["until"] = _pendingEnd.Value.ToString("O", CultureInfo.InvariantCulture),
            ["refused_appends_total"] = (_log.RefusedAppends - _refusedAtStart).ToString(CultureInfo.InvariantCulture),
            ["meaning"] = "The audit log could not be written (disk full, database read-only or unreachable): requests were refused with audit_unavailable.",
        }), cancellationToken);
        LogRecovered(_logger, start.ToString("O", CultureInfo.InvariantCulture));
        _outageStart = null;
        _pendingEnd = null;
        _refusedBefore = _log.RefusedAppends;
        return alert;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_log is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, _time);
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
                    LogAlertFailed(_logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5411, Level = LogLevel.Critical, Message = "The audit log cannot be written since {Since} (disk full, database read-only or unreachable): requests are refused with audit_unavailable until it can")]
    private static partial void LogUnavailable(ILogger logger, string since);

    [LoggerMessage(EventId = 5412, Level = LogLevel.Warning, Message = "The audit log is writable again (outage since {Since}); requests are served")]
    private static partial void LogRecovered(ILogger logger, string since);

    [LoggerMessage(EventId = 5413, Level = LogLevel.Warning, Message = "Could not raise the audit_unavailable alert this time: {Error}")]
    private static partial void LogAlertFailed(ILogger logger, string error);
}
