using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tiergate.Monitoring.Events;
using Tiergate.Testing.Contracts;

namespace Tiergate.Monitoring.Tests.Events;

/// <summary>The in-process sink: the contract, the exported drop count, and the dispatcher's fan-out.</summary>
public sealed class UsageEventChannelTests : UsageEventSinkContract, IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    protected override IUsageEventSink Create(int capacity) => NewChannel(capacity);

    [Fact]
    public void Dropped_ExportedAsObservableCounter()
    {
        var channel = NewChannel(10);
        for (var i = 0; i < 25; i++)
        {
            channel.Publish(Event(i));
        }

        long observed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == UsageEventChannel.MeterName && instrument.Name == "tiergate.usage_events.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(15, observed);
    }

    [Fact]
    public async Task Dispatcher_EverySubscriberGetsEveryEventInOrder_EvenWhenOneThrows()
    {
        var channel = NewChannel(1_000);
        var first = new Recorder();
        var failing = new Failing();
        var last = new Recorder();
        using var dispatcher = new UsageEventDispatcher(channel, [first, failing, last], NullLogger<UsageEventDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);

        for (var i = 0; i < 100; i++)
        {
            channel.Publish(Event(i));
        }

        await last.WaitForAsync(100);
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long?)i), first.Seen.Select(e => e.UserId));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long?)i), last.Seen.Select(e => e.UserId));
        Assert.Equal(100, failing.Calls);
        Assert.Equal(0, channel.Dropped);
    }

    private UsageEventChannel NewChannel(int capacity) => new(_services.GetRequiredService<IMeterFactory>(), capacity);

    private sealed class Recorder : IUsageEventSubscriber
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _wanted = int.MaxValue;

        public List<UsageEvent> Seen { get; } = [];

        public ValueTask OnEventAsync(UsageEvent usageEvent, CancellationToken cancellationToken)
        {
            Seen.Add(usageEvent);
            if (Seen.Count >= Volatile.Read(ref _wanted))
            {
                _enough.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        public Task WaitForAsync(int count)
        {
            Volatile.Write(ref _wanted, count);
            if (Seen.Count >= count)
            {
                _enough.TrySetResult();
            }

            return _enough.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class Failing : IUsageEventSubscriber
    {
        public int Calls { get; private set; }

        public ValueTask OnEventAsync(UsageEvent usageEvent, CancellationToken cancellationToken)
        {
            Calls++;
            throw new InvalidOperationException("subscriber bug");
        }
    }
}
