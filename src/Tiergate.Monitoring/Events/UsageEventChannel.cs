using System.Threading.Channels;

namespace Tiergate.Monitoring.Events;

/// <summary>
/// The one channel through which usage events leave the gateway for monitoring. Publishing never
/// blocks a request: when consumers fall behind, the oldest events are dropped (and counted).
/// </summary>
public sealed class UsageEventChannel
{
    private readonly Channel<UsageEvent> _channel;
    private long _dropped;

    public UsageEventChannel(int capacity = 100_000)
    {
        _channel = Channel.CreateBounded<UsageEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(UsageEvent usageEvent) => _channel.Writer.TryWrite(usageEvent);

    public IAsyncEnumerable<UsageEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _channel.Reader.ReadAllAsync(cancellationToken);

    public bool TryRead(out UsageEvent? usageEvent) => _channel.Reader.TryRead(out usageEvent);
}
