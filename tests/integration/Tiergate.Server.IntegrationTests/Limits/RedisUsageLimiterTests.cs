using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Policy;
using Tiergate.Server.Limits;
using Tiergate.Testing.Contracts;

namespace Tiergate.Server.IntegrationTests.Limits;

/// <summary>The Lua scripts against a real redis-server: the same contract as the in-process limiter, and across instances.</summary>
public sealed class RedisUsageLimiterTests(RedisFixture redis) : UsageLimiterContract, IClassFixture<RedisFixture>
{
    protected override IUsageLimiter Create(TimeProvider time) => redis.Limiter(time, "t" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reserve_TwoInstancesConcurrently_NeverOverspendTheSharedDay()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N");
        var time = Clock();
        // Two connections: what two gateway processes hold.
        var first = redis.Limiter(time, prefix);
        var second = redis.Limiter(time, prefix);
        var tier = Tier(tpd: 10_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? first : second).TryReserveAsync(7, tier, 100, CancellationToken.None))));

        Assert.Equal(100, outcomes.Count(o => o.Admitted));
        Assert.All(outcomes.Where(o => !o.Admitted), o => Assert.Equal("quota_exceeded", o.Refusal!.Name));
    }

    [Fact]
    public async Task Settle_OnOneInstance_FreesTokensForTheOther()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N");
        var time = Clock();
        var first = redis.Limiter(time, prefix);
        var second = redis.Limiter(time, prefix);
        var tier = Tier(tpm: 1000, tpd: 1000);

        var held = await first.TryReserveAsync(7, tier, 1000, CancellationToken.None);
        var refusedWhileHeld = await second.TryReserveAsync(7, tier, 500, CancellationToken.None);
        await held.Lease!.SettleAsync(200);
        var afterSettle = await second.TryReserveAsync(7, tier, 800, CancellationToken.None);
        var overTheTop = await second.TryReserveAsync(7, tier, 1, CancellationToken.None);

        Assert.False(refusedWhileHeld.Admitted);
        Assert.True(afterSettle.Admitted);
        Assert.False(overTheTop.Admitted);
    }

    [Fact]
    public async Task Reserve_RequestsPerMinuteAcrossInstances_OneBucket()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero));
        var first = redis.Limiter(time, prefix);
        var second = redis.Limiter(time, prefix);
        var tier = Tier(rpm: 4);

        var admitted = 0;
        for (var i = 0; i < 8; i++)
        {
            admitted += (await (i % 2 == 0 ? first : second).TryReserveAsync(7, tier, 1, CancellationToken.None)).Admitted ? 1 : 0;
        }

        Assert.Equal(4, admitted);
    }
}
