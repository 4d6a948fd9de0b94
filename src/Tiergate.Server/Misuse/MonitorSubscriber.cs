using System.Net;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Monitoring;

namespace Tiergate.Server.Misuse;

/// <summary>
/// Feeds usage events to the detectors (<see cref="MonitorEngine"/>), with each address's place, loads a subject's
/// stored state the first time it is seen, raises the alerts and hands them to the tier's responses.
/// <see cref="FlushAsync"/> stores changed state (every few seconds and at shutdown, by <see cref="MonitorStateFlusher"/>).
/// </summary>
public sealed partial class MonitorSubscriber(
    Tiergate.Server.Policies.PolicyHolder policies,
    MonitorEngine engine,
    MonitorPlaces places,
    MonitorStateStore states,
    AlertStore alerts,
    IEnumerable<IAlertResponder> responders,
    ILogger<MonitorSubscriber> logger) : IUsageEventSubscriber
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _looked = new(StringComparer.Ordinal);
    private readonly List<Detection> _detections = [];
    private readonly IAlertResponder[] _responders = [.. responders];

    public async ValueTask OnEventAsync(UsageEvent usageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        if (usageEvent.UserId is not { } userId)
        {
            return;
        }

        var place = usageEvent.ClientAddress is { } address && IPAddress.TryParse(address, out var ip) ? places.Lookup(ip) : null;
        await _gate.WaitAsync(cancellationToken);
        Detection[] found;
        try
        {
            await EnsureLoadedAsync(MonitorEngine.UserSubject(userId), cancellationToken);
            if (usageEvent.KeyId is { } keyId)
            {
                await EnsureLoadedAsync(MonitorEngine.KeySubject(keyId), cancellationToken);
            }

            _detections.Clear();
            engine.Observe(usageEvent, place, _detections);
            found = [.. _detections];
        }
        finally
        {
            _gate.Release();
        }

        foreach (var detection in found)
        {
            await RaiseAsync(detection, cancellationToken);
        }
    }

    /// <summary>Stores every subject's state changed since the last flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(string, string)> changed;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            changed = engine.TakeChanged();
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            await states.SaveAsync(changed, cancellationToken);
        }
        catch
        {
            await _gate.WaitAsync(CancellationToken.None);
            engine.MarkChanged(changed.Select(c => c.Item1));
            _gate.Release();
            throw;
        }
    }

    private async Task EnsureLoadedAsync(string subject, CancellationToken cancellationToken)
    {
        if (engine.Has(subject) || !_looked.Add(subject))
        {
            return;
        }

        if (await states.LoadAsync(subject, cancellationToken) is { } data)
        {
            engine.Load(subject, data);
        }
    }

    private async Task RaiseAsync(Detection detection, CancellationToken cancellationToken)
    {
        var alert = await alerts.RaiseAsync(
            new NewAlert(detection.Detector, detection.UserId, detection.KeyId, detection.Tier, (AlertSeverity)(int)detection.Severity, detection.Evidence) { Masked = detection.Masked },
            cancellationToken);
        LogAlert(logger, detection.Detector, alert.Id, detection.Tier ?? "none");
        if (detection.UserId is not { } userId || detection.Tier is null || !policies.Policy.TiersByName.TryGetValue(detection.Tier, out var tier))
        {
            return;
        }

        foreach (var responder in _responders)
        {
            try
            {
                await responder.ApplyAsync(alert, userId, detection.KeyId, tier, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The alert stands; a reviewer sees it and can respond by hand.
                LogResponseFailed(logger, alert.Id, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Responding to alert {AlertId} failed ({ExceptionType}); the alert stands for a reviewer")]
    private static partial void LogResponseFailed(ILogger logger, long alertId, string exceptionType);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Monitoring alert {Detector} raised (alert {AlertId}, tier {Tier})")]
    private static partial void LogAlert(ILogger logger, string detector, long alertId, string tier);
}
