using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Server.Limits.Shared;

/// <summary>
/// The same limits as <see cref="InProcessUsageLimiter"/> (token bucket per minute, fixed windows per
/// minute and UTC day), with the counters in Redis so that every instance spends from one budget.
/// Admission is one script call (<see cref="RedisLimiterScripts.Reserve"/>); settlement another.
/// A Redis failure on admission is thrown (<see cref="RedisException"/>, <see cref="TimeoutException"/>):
/// <see cref="SharedUsageLimiter"/> decides, per tier, what it means.
/// </summary>
public sealed class RedisUsageLimiter(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisUsageLimiter> logger, string prefix = RedisUsageLimiter.DefaultPrefix) : IUsageLimiter
{
    public const string DefaultPrefix = "tiergate";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public async ValueTask<LimitOutcome> TryReserveAsync(long userId, TierConfig tier, long tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var limits = tier.Limits;
        var now = time.GetUtcNow();
        var minute = now.UtcTicks / Minute.Ticks;
        var day = now.UtcTicks / Day.Ticks;
        // One hash tag per user and tier: the keys of one admission share a cluster slot.
        var tag = $"{prefix}:{{u{userId.ToString(CultureInfo.InvariantCulture)}:{tier.Name}}}";
        RedisKey minuteKey = $"{tag}:m:{minute.ToString(CultureInfo.InvariantCulture)}";
        RedisKey dayKey = $"{tag}:d:{day.ToString(CultureInfo.InvariantCulture)}";
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            RedisLimiterScripts.Reserve,
            [$"{tag}:rpm", minuteKey, dayKey],
            [now.ToUnixTimeMilliseconds(), limits.RequestsPerMinute ?? 0, limits.TokensPerMinute ?? 0, limits.TokensPerDay ?? 0, tokens, 120, 2 * 86400]).ConfigureAwait(false);
        var answer = (string?)result ?? throw new RedisException("The reserve script returned nothing.");
        switch (answer[0])
        {
            case '0':
                List<RedisKey> counted = [];
                if (limits.TokensPerMinute is not null)
                {
                    counted.Add(minuteKey);
                }

                if (limits.TokensPerDay is not null)
                {
                    counted.Add(dayKey);
                }

                return LimitOutcome.Admit(new Lease(this, [.. counted], tokens));
            case '1':
                var level = double.Parse(answer.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture);
                var rpm = limits.RequestsPerMinute!.Value;
                return LimitOutcome.Refuse(ErrorCodes.RateLimited, TimeSpan.FromSeconds((1 - level) * 60.0 / rpm), $"The tier '{tier.Name}' allows {rpm} requests per minute.");
            case '2':
                return LimitOutcome.Refuse(ErrorCodes.RateLimited, TimeSpan.FromTicks(((minute + 1) * Minute.Ticks) - now.UtcTicks),
                    $"The tier '{tier.Name}' allows {limits.TokensPerMinute} tokens per minute; this request reserves {tokens}.");
            default:
                return LimitOutcome.Refuse(ErrorCodes.QuotaExceeded, TimeSpan.FromTicks(((day + 1) * Day.Ticks) - now.UtcTicks),
                    $"The tier '{tier.Name}' allows {limits.TokensPerDay} tokens per day; this request reserves {tokens}.");
        }
    }

    private async ValueTask SettleAsync(RedisKey[] keys, long delta)
    {
        if (keys.Length == 0 || delta == 0)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(RedisLimiterScripts.Settle, keys, [delta]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Fails closed: the reservation stays counted in full until its window ends.
            SharedStateLog.SettleFailed(logger, e.GetType().Name);
        }
    }

    private sealed class Lease(RedisUsageLimiter limiter, RedisKey[] keys, long tokens) : UsageLease(tokens)
    {
        protected override ValueTask ApplyAsync(long delta, CancellationToken cancellationToken) => limiter.SettleAsync(keys, delta);
    }
}
