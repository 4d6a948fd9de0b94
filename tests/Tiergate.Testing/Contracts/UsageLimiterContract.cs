using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Policy;
using Tiergate.Server.Limits;

namespace Tiergate.Testing.Contracts;

/// <summary>
/// What every <see cref="IUsageLimiter"/> must do, whatever holds its counters. A shared implementation
/// (Redis, PostgreSQL) derives from this class and passes the same tests.
/// </summary>
public abstract class UsageLimiterContract
{
    /// <summary>A fresh limiter (no counters) on <paramref name="time"/>.</summary>
    protected abstract IUsageLimiter Create(TimeProvider time);

    protected static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero));

    protected static TierConfig Tier(int? rpm = null, long? tpm = null, long? tpd = null, string name = "t") => new(
        name, null, ["v"], "p", IdentityLevel.Email, SecurityPractices.None, null, false, new TierLimits(rpm, tpm, tpd, 100), MonitoringConfig.Default, SafeguardProfile.Strict);

    [Fact]
    public async Task Reserve_WithinRequestsPerMinute_AdmittedThenRefusedWithRetryAfter()
    {
        var limiter = Create(Clock());
        var tier = Tier(rpm: 2);

        var outcomes = new[] { await Reserve(limiter, 1, tier, 1), await Reserve(limiter, 1, tier, 1), await Reserve(limiter, 1, tier, 1) };

        Assert.Equal([true, true, false], outcomes.Select(o => o.Admitted));
        Assert.Equal("rate_limited", outcomes[2].Refusal!.Name);
        Assert.InRange(outcomes[2].RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Reserve_RequestBucket_RefillsOverTime()
    {
        var time = Clock();
        var limiter = Create(time);
        var tier = Tier(rpm: 60);
        for (var i = 0; i < 60; i++)
        {
            Assert.True((await Reserve(limiter, 1, tier, 1)).Admitted);
        }

        var refused = await Reserve(limiter, 1, tier, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        var refilled = await Reserve(limiter, 1, tier, 1);

        Assert.False(refused.Admitted);
        Assert.True(refilled.Admitted);
    }

    [Fact]
    public async Task Reserve_OverTokensPerMinute_RefusedUntilNextMinute()
    {
        var time = Clock();
        var limiter = Create(time);
        var tier = Tier(tpm: 100);

        var first = await Reserve(limiter, 1, tier, 80);
        var second = await Reserve(limiter, 1, tier, 30);
        time.Advance(second.RetryAfter);
        var nextMinute = await Reserve(limiter, 1, tier, 30);

        Assert.True(first.Admitted);
        Assert.Equal("rate_limited", second.Refusal!.Name);
        Assert.Equal(TimeSpan.FromSeconds(30), second.RetryAfter);
        Assert.True(nextMinute.Admitted);
    }

    [Fact]
    public async Task Reserve_OverTokensPerDay_QuotaExceededUntilUtcMidnight()
    {
        var time = Clock();
        var limiter = Create(time);
        var tier = Tier(tpd: 1000);

        Assert.True((await Reserve(limiter, 1, tier, 1000)).Admitted);
        var refused = await Reserve(limiter, 1, tier, 1);
        time.Advance(refused.RetryAfter);
        var tomorrow = await Reserve(limiter, 1, tier, 1000);

        Assert.Equal("quota_exceeded", refused.Refusal!.Name);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero) - new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero), refused.RetryAfter);
        Assert.True(tomorrow.Admitted);
    }

    [Fact]
    public async Task Settle_UsedLessThanReserved_ReturnsTheRest()
    {
        var limiter = Create(Clock());
        var tier = Tier(tpd: 1000);

        var first = await Reserve(limiter, 1, tier, 900);
        await first.Lease!.SettleAsync(100);
        var second = await Reserve(limiter, 1, tier, 900);

        Assert.True(second.Admitted);
    }

    [Fact]
    public async Task Release_GivesEverythingBack_AndSettlesOnlyOnce()
    {
        var limiter = Create(Clock());
        var tier = Tier(tpd: 1000);

        var first = await Reserve(limiter, 1, tier, 1000);
        await first.Lease!.ReleaseAsync();
        var second = await Reserve(limiter, 1, tier, 1000);
        await first.Lease.ReleaseAsync(); // a second settlement must not hand back tokens again
        await first.Lease.SettleAsync(0);
        var third = await Reserve(limiter, 1, tier, 1);

        Assert.True(second.Admitted);
        Assert.False(third.Admitted);
    }

    [Fact]
    public async Task Lease_NeitherSettledNorReleased_KeepsWholeReservation()
    {
        var limiter = Create(Clock());
        var tier = Tier(tpd: 1000);

        Assert.True((await Reserve(limiter, 1, tier, 600)).Admitted);
        var second = await Reserve(limiter, 1, tier, 600);

        Assert.False(second.Admitted);
    }

    [Fact]
    public async Task Reserve_UsersAndTiers_CountedApart()
    {
        var limiter = Create(Clock());
        var a = Tier(tpd: 100, name: "a");
        var b = Tier(tpd: 100, name: "b");

        Assert.True((await Reserve(limiter, 1, a, 100)).Admitted);
        Assert.True((await Reserve(limiter, 2, a, 100)).Admitted);
        Assert.True((await Reserve(limiter, 1, b, 100)).Admitted);
        Assert.False((await Reserve(limiter, 1, a, 1)).Admitted);
    }

    [Fact]
    public async Task Reserve_Concurrent_NeverOverspends()
    {
        var limiter = Create(Clock());
        var tier = Tier(tpd: 10_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await Reserve(limiter, 1, tier, 100))));

        Assert.Equal(100, outcomes.Count(o => o.Admitted));
    }

    [Fact]
    public async Task Settle_AfterWindowRolledOver_DoesNotTouchTheNewWindow()
    {
        var time = Clock();
        var limiter = Create(time);
        var tier = Tier(tpd: 1000);

        var yesterday = await Reserve(limiter, 1, tier, 1000);
        time.Advance(TimeSpan.FromDays(1));
        var today = await Reserve(limiter, 1, tier, 1000);
        await yesterday.Lease!.ReleaseAsync();
        var more = await Reserve(limiter, 1, tier, 1);

        Assert.True(today.Admitted);
        Assert.False(more.Admitted);
    }

    private static async Task<LimitOutcome> Reserve(IUsageLimiter limiter, long user, TierConfig tier, long tokens) =>
        await limiter.TryReserveAsync(user, tier, tokens, CancellationToken.None);
}
