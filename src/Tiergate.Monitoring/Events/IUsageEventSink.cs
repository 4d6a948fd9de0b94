namespace Tiergate.Monitoring.Events;

/// <summary>
/// Where the gateway publishes usage events. Publishing never blocks or fails a request: a sink that
/// cannot keep up drops events and counts them. <see cref="UsageEventChannel"/> is the in-process one;
/// every implementation passes the same contract tests.
/// </summary>
public interface IUsageEventSink
{
    void Publish(UsageEvent usageEvent);

    /// <summary>Events dropped since start because consumers fell behind.</summary>
    long Dropped { get; }
}
