using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Events;
using Tiergate.Storage.Monitoring;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.Tests.Events;

public sealed class TrafficRecorderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static UsageEvent Event(string kind, long? user, string? tier, int minute, long? prompt = null, long? completion = null) =>
        new(Noon.AddMinutes(minute), kind) { UserId = user, Tier = tier, PromptTokens = prompt, CompletionTokens = completion };

    [Fact]
    public async Task FlushAsync_TwoRecordersOnOneDatabase_IncrementsAddAcrossThem()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var time = new FakeTimeProvider(Noon.AddMinutes(30));
        var one = new TrafficRecorder(new TrafficStore(store.Database), time, NullLogger<TrafficRecorder>.Instance);
        var two = new TrafficRecorder(new TrafficStore(store.Database), time, NullLogger<TrafficRecorder>.Instance);

        foreach (var e in new[]
        {
            Event(UsageEventKinds.Admitted, 1, "research", 1, 10, 100),
            Event(UsageEventKinds.Completed, 1, "research", 2, 12, 40),
            Event(UsageEventKinds.SafeguardBlock, 2, "research", 3),
            Event(UsageEventKinds.Denied, 2, "research", 3),
            Event(UsageEventKinds.Denied, null, null, 4), // no tier known yet (bad key): not counted under any tier
            Event(UsageEventKinds.Admitted, 3, "research", 65), // the next hour
        })
        {
            await one.OnEventAsync(e, CancellationToken.None);
        }

        await two.OnEventAsync(Event(UsageEventKinds.Admitted, 1, "research", 5), CancellationToken.None);
        await two.OnEventAsync(Event(UsageEventKinds.SafeguardFlag, 1, "research", 5), CancellationToken.None);
        await two.OnEventAsync(Event(UsageEventKinds.Completed, 1, "research", 6, 5, 5), CancellationToken.None);

        await one.FlushAsync();
        await two.FlushAsync();
        await one.FlushAsync(); // nothing new: adds nothing

        var buckets = await new TrafficStore(store.Database).ListAsync(Noon, Noon.AddHours(2));
        Assert.Equal(
            [new TrafficCounts("research", Noon, 3, 1, 1, 1, 62, 2), new TrafficCounts("research", Noon.AddHours(1), 1, 0, 0, 0, 0, 1)],
            buckets);
    }

    [Fact]
    public async Task FlushAsync_MoreUsersLaterInTheHour_DistinctCountGrowsNotDoubles()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var time = new FakeTimeProvider(Noon.AddMinutes(30));
        var recorder = new TrafficRecorder(new TrafficStore(store.Database), time, NullLogger<TrafficRecorder>.Instance);

        await recorder.OnEventAsync(Event(UsageEventKinds.Admitted, 1, "research", 1), CancellationToken.None);
        await recorder.OnEventAsync(Event(UsageEventKinds.Admitted, 2, "research", 2), CancellationToken.None);
        await recorder.FlushAsync();
        await recorder.OnEventAsync(Event(UsageEventKinds.Admitted, 1, "research", 3), CancellationToken.None);
        await recorder.OnEventAsync(Event(UsageEventKinds.Admitted, 3, "research", 4), CancellationToken.None);
        await recorder.FlushAsync();

        var bucket = Assert.Single(await new TrafficStore(store.Database).ListAsync(Noon, Noon.AddHours(1)));
        Assert.Equal((4L, 3), (bucket.Requests, bucket.Users));
    }

    [Fact]
    public async Task StopAsync_CountsPending_FlushedAtShutdown()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var recorder = new TrafficRecorder(new TrafficStore(store.Database), new FakeTimeProvider(Noon), NullLogger<TrafficRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);

        await recorder.OnEventAsync(Event(UsageEventKinds.Admitted, 1, "general", 1), CancellationToken.None);
        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal(1, Assert.Single(await new TrafficStore(store.Database).ListAsync(Noon, Noon.AddHours(1))).Requests);
    }
}
