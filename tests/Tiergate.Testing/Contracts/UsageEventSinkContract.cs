using Tiergate.Monitoring.Events;

namespace Tiergate.Testing.Contracts;

/// <summary>
/// What every <see cref="IUsageEventSink"/> must do: publishing never blocks or throws, and what cannot
/// be kept is counted. A shared implementation derives from this class and passes the same tests.
/// </summary>
public abstract class UsageEventSinkContract
{
    /// <summary>A sink holding at most <paramref name="capacity"/> undelivered events, with no consumer running.</summary>
    protected abstract IUsageEventSink Create(int capacity);

    protected static UsageEvent Event(int n) => new(DateTimeOffset.UnixEpoch.AddSeconds(n), UsageEventKinds.Admitted) { UserId = n };

    [Fact]
    public async Task Publish_PastCapacityWithNoConsumer_ReturnsAtOnceAndCountsDrops()
    {
        var sink = Create(capacity: 100);

        var publish = Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                sink.Publish(Event(i));
            }
        });

        await publish.WaitAsync(TimeSpan.FromSeconds(5)); // throws TimeoutException if publishing blocked
        Assert.Equal(900, sink.Dropped);
    }

    [Fact]
    public void Publish_ConcurrentPublishers_EveryEventKeptOrCounted()
    {
        var sink = Create(capacity: 1_000);

        Parallel.For(0, 8, p =>
        {
            for (var i = 0; i < 500; i++)
            {
                sink.Publish(Event((p * 1000) + i));
            }
        });

        Assert.Equal(3_000, sink.Dropped);
    }
}
