using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tiergate.Monitoring.Events;

/// <summary>
/// The hosted consumer: reads the channel and hands each event to every subscriber in turn. A subscriber
/// that throws is logged (event kind only, never content) and skipped for that event; the others still get it.
/// It wakes at most every <see cref="BatchInterval"/> and drains what has gathered: one wake-up per event
/// would cost the gateway a thread-pool dispatch per request.
/// </summary>
public sealed partial class UsageEventDispatcher(UsageEventChannel channel, IEnumerable<IUsageEventSubscriber> subscribers, ILogger<UsageEventDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(20);
    private readonly IUsageEventSubscriber[] _subscribers = [.. subscribers];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(stoppingToken))
            {
                while (channel.Reader.TryRead(out var usageEvent))
                {
                    await DeliverAsync(usageEvent, stoppingToken);
                }

                await Task.Delay(BatchInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; events still queued are lost with the process, as documented.
        }
    }

    private async ValueTask DeliverAsync(UsageEvent usageEvent, CancellationToken cancellationToken)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber.OnEventAsync(usageEvent, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSubscriberFailed(logger, subscriber.GetType().Name, usageEvent.Kind, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Usage event subscriber {Subscriber} failed on a {Kind} event ({ExceptionType})")]
    private static partial void LogSubscriberFailed(ILogger logger, string subscriber, string kind, string exceptionType);
}
