namespace Tiergate.Monitoring.Events;

/// <summary>A consumer of usage events (monitoring's detectors, an exporter). Called on the dispatcher's task, one event at a time, in order.</summary>
public interface IUsageEventSubscriber
{
    ValueTask OnEventAsync(UsageEvent usageEvent, CancellationToken cancellationToken);
}
