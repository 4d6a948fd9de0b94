using Microsoft.Extensions.Time.Testing;
using Tiergate.Server.Limits;
using Tiergate.Testing.Contracts;

namespace Tiergate.Server.Tests.Limits;

/// <summary>The embedded limiter passes the contract, and forgets users once their counters hold nothing.</summary>
public sealed class InProcessUsageLimiterTests : UsageLimiterContract
{
    protected override IUsageLimiter Create(TimeProvider time) => new InProcessUsageLimiter(time);

    [Fact]
    public async Task Entries_IdlePastTheirDay_Evicted()
    {
        var time = Clock();
        using var limiter = new InProcessUsageLimiter(time);
        var tier = Tier(rpm: 10, tpd: 1000);
        for (var user = 0; user < 50; user++)
        {
            await limiter.TryReserveAsync(user, tier, 10, CancellationToken.None);
        }

        time.Advance(TimeSpan.FromHours(1));
        var sameDay = limiter.TrackedEntries;
        time.Advance(TimeSpan.FromDays(1));
        var nextDay = limiter.TrackedEntries;

        Assert.Equal(50, sameDay); // the day's quota still counts
        Assert.Equal(0, nextDay);
    }

    [Fact]
    public async Task Entry_Evicted_QuotaStartsFresh()
    {
        var time = Clock();
        using var limiter = new InProcessUsageLimiter(time);
        var tier = Tier(rpm: 1, tpd: 100);
        await limiter.TryReserveAsync(1, tier, 100, CancellationToken.None);

        time.Advance(TimeSpan.FromDays(1));
        var after = await limiter.TryReserveAsync(1, tier, 100, CancellationToken.None);

        Assert.Equal(1, limiter.TrackedEntries);
        Assert.True(after.Admitted);
    }
}
