using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tiergate.Server.Misuse;

/// <summary>Stores changed detector state every <see cref="Interval"/> and once more at shutdown, after the event dispatcher has stopped.</summary>
public sealed partial class MonitorStateFlusher(MonitorSubscriber subscriber, MonitorPlaces places, TimeProvider time, ILogger<MonitorStateFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogPlaces(logger, places.Status);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync flushes once more.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await subscriber.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFlushFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Monitoring places: {Status}")]
    private static partial void LogPlaces(ILogger logger, string status);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Error, Message = "Storing detector state failed ({ExceptionType}); it is retried at the next flush")]
    private static partial void LogFlushFailed(ILogger logger, string exceptionType);
}
