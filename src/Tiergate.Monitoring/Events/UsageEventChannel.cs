using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Tiergate.Monitoring.Events;

/// <summary>
/// The in-process sink: a bounded channel that <see cref="UsageEventDispatcher"/> drains. When consumers
/// fall behind, the oldest events are dropped, counted, and exported as <c>tiergate.usage_events.dropped</c>.
/// </summary>
public sealed class UsageEventChannel : IUsageEventSink
{
    public const string MeterName = "Tiergate.Monitoring";
    public const int DefaultCapacity = 100_000;
    private readonly Channel<UsageEvent> _channel;
    private long _dropped;
    private long _published;

    public UsageEventChannel(IMeterFactory meterFactory, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _channel = Channel.CreateBounded<UsageEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("tiergate.usage_events.dropped", () => Dropped, "{event}", "Usage events dropped because monitoring fell behind.");
        meter.CreateObservableCounter("tiergate.usage_events.published", () => Interlocked.Read(ref _published), "{event}", "Usage events published by the gateway.");
        meter.CreateObservableGauge("tiergate.usage_events.queue_depth", () => _channel.Reader.Count, "{event}", $"Usage events waiting for monitoring (at most {capacity}; past that the oldest are dropped).");
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(UsageEvent usageEvent)
    {
        Interlocked.Increment(ref _published);
        _channel.Writer.TryWrite(usageEvent);
    }

    public ChannelReader<UsageEvent> Reader => _channel.Reader;
}
