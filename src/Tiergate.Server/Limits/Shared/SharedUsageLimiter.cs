using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Server.Limits.Shared;

/// <summary>
/// The limiter of a gateway with <c>--redis</c>: admission in Redis; when Redis cannot be reached, each tier's
/// <c>limits.when_shared_state_down</c> decides: <c>refuse</c> (503 <c>shared_state_unavailable</c>) or
/// <c>local</c> (this instance's in-process counters, logged). The first failure and the recovery are logged once each.
/// </summary>
public sealed class SharedUsageLimiter(IUsageLimiter shared, InProcessUsageLimiter local, ILogger<SharedUsageLimiter> logger) : IUsageLimiter
{
    /// <summary>What a refused client is told to wait: about what reconnecting takes.</summary>
    public static readonly TimeSpan RetryAfterDown = TimeSpan.FromSeconds(5);

    private int _down;

    /// <summary>True while the last admission could not reach the shared store.</summary>
    public bool Down => Volatile.Read(ref _down) == 1;

    public async ValueTask<LimitOutcome> TryReserveAsync(long userId, TierConfig tier, long tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tier);
        try
        {
            var outcome = await shared.TryReserveAsync(userId, tier, tokens, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                SharedStateLog.Up(logger);
            }

            return outcome;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                SharedStateLog.Down(logger, e.GetType().Name);
            }

            if (tier.Limits.WhenSharedStateDown == SharedStateDownMode.Local)
            {
                SharedStateLog.CountingLocally(logger, tier.Name);
                return await local.TryReserveAsync(userId, tier, tokens, cancellationToken).ConfigureAwait(false);
            }

            return LimitOutcome.Refuse(ErrorCodes.SharedStateUnavailable, RetryAfterDown,
                $"The shared usage counters cannot be reached, and the tier '{tier.Name}' refuses requests it cannot count across instances.");
        }
    }
}
