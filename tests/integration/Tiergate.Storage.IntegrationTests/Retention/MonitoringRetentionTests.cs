using Npgsql;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Responses;
using Tiergate.Storage.Retention;
using Tiergate.Testing.Storage;
using static Tiergate.Storage.IntegrationTests.Retention.RetentionWorld;

namespace Tiergate.Storage.IntegrationTests.Retention;

/// <summary>Monitoring retention on both providers: each tier's own settings, what is never deleted, tiers no longer in the policy, batches.</summary>
public sealed class MonitoringRetentionTests
{
    private static RetentionCutoffs CutoffsNow => RetentionCutoffs.For(LoadPolicy(), Now);

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task PruneAsync_TwoTiersWithDifferentSettings_RemovesOnlyEachTiersOldRows(string provider)
    {
        await using var world = await CreateAsync(provider);
        await world.AddBucketAsync("fast", DaysAgo(11));
        await world.AddBucketAsync("fast", DaysAgo(9));
        await world.AddBucketAsync("slow", DaysAgo(11));
        await world.AddBucketAsync("slow", DaysAgo(61));
        var fastOld = await world.AddAlertAsync("fast", AlertStatus.Resolved, DaysAgo(21));
        var fastNew = await world.AddAlertAsync("fast", AlertStatus.FalsePositive, DaysAgo(19));
        var slowMid = await world.AddAlertAsync("slow", AlertStatus.Resolved, DaysAgo(21));
        var slowOld = await world.AddAlertAsync("slow", AlertStatus.FalsePositive, DaysAgo(121));
        var fastResponse = await world.AddResponseAsync("fast", ResponseStatus.Done, DaysAgo(21));
        var slowResponse = await world.AddResponseAsync("slow", ResponseStatus.Reversed, DaysAgo(21));

        var result = await new MonitoringRetention(world.Store.Database).PruneAsync(CutoffsNow);

        Assert.False(result.Busy);
        Assert.Equal(
            [("fast", TrafficCountsHour(DaysAgo(9))), ("slow", TrafficCountsHour(DaysAgo(11)))],
            await world.BucketsAsync());
        Assert.Equal([fastNew, slowMid], await world.AlertIdsAsync());
        Assert.Equal([slowResponse], await world.ResponseIdsAsync());
        Assert.DoesNotContain(fastOld, await world.AlertIdsAsync());
        Assert.DoesNotContain(slowOld, await world.AlertIdsAsync());
        Assert.DoesNotContain(fastResponse, await world.ResponseIdsAsync());
        Assert.Equal(
            [
                new RetentionDeletion(MonitoringRetention.TrafficBuckets, "fast", 1),
                new RetentionDeletion(MonitoringRetention.Responses, "fast", 1),
                new RetentionDeletion(MonitoringRetention.Alerts, "fast", 1),
                new RetentionDeletion(MonitoringRetention.TrafficBuckets, "slow", 1),
                new RetentionDeletion(MonitoringRetention.Alerts, "slow", 1),
            ],
            result.Deleted);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task PruneAsync_OpenAlertsAndLiveResponses_KeptWhateverTheirAge(string provider)
    {
        await using var world = await CreateAsync(provider);
        var open = await world.AddAlertAsync("fast", AlertStatus.Open, DaysAgo(400));
        var acknowledged = await world.AddAlertAsync("fast", AlertStatus.Acknowledged, DaysAgo(400));
        var finishedOfOpen = await world.AddResponseAsync("fast", ResponseStatus.Done, DaysAgo(400), open);
        var resolvedInForce = await world.AddAlertAsync("fast", AlertStatus.Resolved, DaysAgo(400));
        var active = await world.AddResponseAsync("fast", ResponseStatus.Active, DaysAgo(400), resolvedInForce);
        var pending = await world.AddResponseAsync("fast", ResponseStatus.Pending, DaysAgo(400));
        var resolvedDone = await world.AddAlertAsync("fast", AlertStatus.Resolved, DaysAgo(400));
        var done = await world.AddResponseAsync("fast", ResponseStatus.Declined, DaysAgo(400), resolvedDone);

        await new MonitoringRetention(world.Store.Database).PruneAsync(CutoffsNow);

        Assert.Equal([open, acknowledged, resolvedInForce], await world.AlertIdsAsync());
        Assert.Equal([finishedOfOpen, active, pending], await world.ResponseIdsAsync());
        Assert.DoesNotContain(done, await world.ResponseIdsAsync());
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task PruneAsync_TierNotInPolicyAndUserState_KeptForTheLongestSetting(string provider)
    {
        // Longest usage setting: the 90-day default (slow keeps 60 days); longest alerts setting: the 365-day default.
        await using var world = await CreateAsync(provider);
        await world.AddBucketAsync("gone", DaysAgo(80));
        await world.AddBucketAsync("gone", DaysAgo(100));
        var goneKept = await world.AddAlertAsync("gone", AlertStatus.Resolved, DaysAgo(300));
        await world.AddAlertAsync("gone", AlertStatus.Resolved, DaysAgo(400));
        var noTierKept = await world.AddAlertAsync(null, AlertStatus.Resolved, DaysAgo(300));
        await world.AddAlertAsync(null, AlertStatus.FalsePositive, DaysAgo(400));
        await world.AddStateAsync("user:1", DaysAgo(80));
        await world.AddStateAsync("user:2", DaysAgo(100));

        var result = await new MonitoringRetention(world.Store.Database).PruneAsync(CutoffsNow);

        Assert.Equal([("gone", TrafficCountsHour(DaysAgo(80)))], await world.BucketsAsync());
        Assert.Equal([goneKept, noTierKept], await world.AlertIdsAsync());
        Assert.Equal(["user:1"], await world.StateSubjectsAsync());
        Assert.Equal(
            [
                new RetentionDeletion(MonitoringRetention.TrafficBuckets, MonitoringRetention.OtherTiers, 1),
                new RetentionDeletion(MonitoringRetention.Alerts, MonitoringRetention.OtherTiers, 2),
                new RetentionDeletion(MonitoringRetention.MonitorState, MonitoringRetention.AllTiers, 1),
            ],
            result.Deleted);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task PruneAsync_MoreRowsThanOneBatch_RemovesThemAllAndRunsTwiceHarmlessly(string provider)
    {
        await using var world = await CreateAsync(provider);
        for (var hour = 0; hour < 23; hour++)
        {
            await world.AddBucketAsync("fast", DaysAgo(30).AddHours(hour));
        }

        await world.AddBucketAsync("fast", DaysAgo(1));
        var retention = new MonitoringRetention(world.Store.Database, batchSize: 5, pause: TimeSpan.FromMilliseconds(1));

        var first = await retention.PruneAsync(CutoffsNow);
        var second = await retention.PruneAsync(CutoffsNow);

        Assert.Equal(23, first.Total);
        Assert.Equal(0, second.Total);
        Assert.Single(await world.BucketsAsync());
    }

    [Fact]
    public async Task PruneAsync_PostgresLockHeldByAnotherInstance_SkipsTheRound()
    {
        await using var world = await CreateAsync(TestStore.Postgres);
        await world.AddBucketAsync("fast", DaysAgo(30));
        await using var other = new NpgsqlConnection(world.Store.Options.PostgresConnection);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(92665299686478)", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        var busy = await new MonitoringRetention(world.Store.Database).PruneAsync(CutoffsNow);
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(92665299686478)", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        var after = await new MonitoringRetention(world.Store.Database).PruneAsync(CutoffsNow);

        Assert.True(busy.Busy);
        Assert.Equal((false, 1L), (after.Busy, after.Total));
    }

    private static DateTimeOffset TrafficCountsHour(DateTimeOffset at) => Tiergate.Storage.Monitoring.TrafficCounts.HourOf(at);
}
