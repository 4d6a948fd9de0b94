using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Policy;
using Tiergate.Server.Limits;
using Tiergate.Server.Limits.Shared;
using Tiergate.Testing.Redis;

namespace Tiergate.Server.IntegrationTests.Limits;

/// <summary>Redis stopped under load: refuse tiers answer shared_state_unavailable, local tiers count on, and Redis coming back is used again.</summary>
public sealed class SharedStateDownTests
{
    private static TierConfig Tier(SharedStateDownMode mode, long tpd) => new(
        "t", null, ["v"], "p", IdentityLevel.Verified, SecurityPractices.None, null, false,
        new TierLimits(null, null, tpd, 100) { WhenSharedStateDown = mode }, MonitoringConfig.Default, SafeguardProfile.Strict);

    private static async Task<(RedisTestServer Server, RedisSharedState State, SharedUsageLimiter Limiter)> StartAsync(TimeProvider time)
    {
        var server = await RedisTestServer.StartAsync();
        var state = RedisSharedState.Connect(server.ConnectionString);
        var limiter = new SharedUsageLimiter(
            new RedisUsageLimiter(state.Connection, time, NullLogger<RedisUsageLimiter>.Instance, "t" + Guid.NewGuid().ToString("N")),
            new InProcessUsageLimiter(time),
            NullLogger<SharedUsageLimiter>.Instance);
        return (server, state, limiter);
    }

    [Theory]
    [InlineData(SharedStateDownMode.Refuse)]
    [InlineData(SharedStateDownMode.Local)]
    public async Task Reserve_RedisStoppedMidLoad_FollowsTheTierChoice(SharedStateDownMode mode)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (server, state, limiter) = await StartAsync(time);
        await using var _ = server;
        await using var __ = state;
        var tier = Tier(mode, 1_000_000);

        var before = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => limiter.TryReserveAsync(1, tier, 10, CancellationToken.None).AsTask()));
        var load = Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Delay(i % 20);
            return await limiter.TryReserveAsync(1, tier, 10, CancellationToken.None);
        }));
        await server.StopAsync();
        var during = await load;
        var down = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => limiter.TryReserveAsync(1, tier, 10, CancellationToken.None).AsTask()));

        Assert.All(before, o => Assert.True(o.Admitted));
        Assert.True(limiter.Down);
        // Under load every answer is one of the two, never an exception; once down, all follow the tier's choice.
        Assert.All(during, o => Assert.True(o.Admitted || o.Refusal!.Name == "shared_state_unavailable"));
        if (mode == SharedStateDownMode.Refuse)
        {
            Assert.All(down, o => Assert.Equal("shared_state_unavailable", o.Refusal?.Name));
            Assert.All(down, o => Assert.Equal(SharedUsageLimiter.RetryAfterDown, o.RetryAfter));
        }
        else
        {
            Assert.All(down, o => Assert.True(o.Admitted));
        }
    }

    [Fact]
    public async Task Reserve_LocalWhileDown_StillEnforcesTheLimitOnThisInstance()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (server, state, limiter) = await StartAsync(time);
        await using var _ = server;
        await using var __ = state;
        var tier = Tier(SharedStateDownMode.Local, 100);
        await server.StopAsync();

        var outcomes = new List<LimitOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await limiter.TryReserveAsync(1, tier, 50, CancellationToken.None));
        }

        Assert.Equal([true, true, false], outcomes.Select(o => o.Admitted));
        Assert.Equal("quota_exceeded", outcomes[2].Refusal!.Name);
    }

    [Fact]
    public async Task Reserve_RedisBack_SharedCountersUsedAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var (server, state, limiter) = await StartAsync(time);
        await using var _ = server;
        await using var __ = state;
        var tier = Tier(SharedStateDownMode.Refuse, 100);
        await server.StopAsync();
        var down = await limiter.TryReserveAsync(1, tier, 10, CancellationToken.None);

        await server.StartAgainAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        LimitOutcome back;
        do
        {
            await Task.Delay(200);
            back = await limiter.TryReserveAsync(1, tier, 10, CancellationToken.None);
        }
        while (!back.Admitted && waited.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal("shared_state_unavailable", down.Refusal!.Name);
        Assert.True(back.Admitted, "the limiter did not use Redis again within 20 s of its restart");
        Assert.False(limiter.Down);
        Assert.True(await state.IsReachableAsync());
    }
}
