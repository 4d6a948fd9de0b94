using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Monitoring.Events;
using Tiergate.Storage.Monitoring;

namespace Tiergate.Server.Events;

/// <summary>
/// Counts each tier's traffic per UTC hour for the console's charts: requests (admitted, and denied once a tier is
/// known), denials, safeguard blocks and flags, tokens of completed requests, and distinct users (held in memory for the
/// hour, only as a count in the database). Flushed as increments every <see cref="FlushInterval"/> and at shutdown, so
/// several gateways on one database add up; a failed flush keeps its counts for the next one.
/// </summary>
public sealed partial class TrafficRecorder(TrafficStore store, TimeProvider time, ILogger<TrafficRecorder> logger) : BackgroundService, IUsageEventSubscriber
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tier, DateTimeOffset Hour), HourCounts> _hours = [];

    public ValueTask OnEventAsync(UsageEvent usageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        if (usageEvent.Tier is not { } tier)
        {
            return ValueTask.CompletedTask; // denied before a tier was known (bad key, no grant): no tier to count it under
        }

        lock (_gate)
        {
            var key = (tier, TrafficCounts.HourOf(usageEvent.At));
            if (!_hours.TryGetValue(key, out var hour))
            {
                hour = new HourCounts();
                _hours[key] = hour;
            }

            hour.Count(usageEvent);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Writes what was counted since the last flush; hours before the current one are then forgotten.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        List<TrafficCounts> increments;
        List<(string, DateTimeOffset)> taken;
        lock (_gate)
        {
            increments = [];
            taken = [];
            foreach (var ((tier, start), hour) in _hours)
            {
                if (hour.Pending)
                {
                    increments.Add(hour.Take(tier, start));
                    taken.Add((tier, start));
                }
            }

            var current = TrafficCounts.HourOf(time.GetUtcNow());
            foreach (var stale in _hours.Where(h => h.Key.Hour < current && !h.Value.Pending).Select(h => h.Key).ToList())
            {
                _hours.Remove(stale);
            }
        }

        if (increments.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddAsync(increments, cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                foreach (var increment in increments)
                {
                    var key = (increment.Tier, increment.HourStart);
                    if (!_hours.TryGetValue(key, out var hour))
                    {
                        hour = new HourCounts();
                        _hours[key] = hour;
                    }

                    hour.GiveBack(increment);
                }
            }

            throw;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFlushFailed(logger, e.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "Could not write the traffic counts this time (kept for the next flush): {Error}")]
    private static partial void LogFlushFailed(ILogger logger, string error);
}
