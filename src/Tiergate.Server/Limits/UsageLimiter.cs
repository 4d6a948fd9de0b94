using System.Collections.Concurrent;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Server.Limits;

/// <summary>
/// Requests per minute (token bucket), tokens per minute and tokens per UTC day, per user and tier.
/// Admission reserves the worst case (prompt estimate plus completion budget) under the user's lock,
/// so concurrent requests can never overspend; settlement later returns what the upstream did not use.
/// State lives in this process: one gateway instance per database, or see docs for scale-out.
/// </summary>
public sealed class UsageLimiter(TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<(long User, string Tier), UsageWindowState> _states = new();

    public LimitOutcome TryReserve(long userId, TierConfig tier, long tokens)
    {
        var limits = tier.Limits;
        var state = _states.GetOrAdd((userId, tier.Name), static _ => new UsageWindowState());
        var now = time.GetUtcNow();
        var minute = now.UtcTicks / Minute.Ticks;
        var day = now.UtcTicks / Day.Ticks;

        lock (state.Gate)
        {
            Roll(state, minute, day);
            if (limits.RequestsPerMinute is { } rpm)
            {
                Refill(state, rpm, now);
                if (state.RequestTokens < 1)
                {
                    var wait = TimeSpan.FromSeconds((1 - state.RequestTokens) * 60.0 / rpm);
                    return Refuse(ErrorCodes.RateLimited, wait, $"The tier '{tier.Name}' allows {rpm} requests per minute.");
                }
            }

            if (limits.TokensPerMinute is { } tpm && state.MinuteTokens + tokens > tpm)
            {
                var wait = TimeSpan.FromTicks(((minute + 1) * Minute.Ticks) - now.UtcTicks);
                return Refuse(ErrorCodes.RateLimited, wait, $"The tier '{tier.Name}' allows {tpm} tokens per minute; this request reserves {tokens}.");
            }

            if (limits.TokensPerDay is { } tpd && state.DayTokens + tokens > tpd)
            {
                var wait = TimeSpan.FromTicks(((day + 1) * Day.Ticks) - now.UtcTicks);
                return Refuse(ErrorCodes.QuotaExceeded, wait, $"The tier '{tier.Name}' allows {tpd} tokens per day; this request reserves {tokens}.");
            }

            if (limits.RequestsPerMinute is not null)
            {
                state.RequestTokens -= 1;
            }

            state.MinuteTokens += tokens;
            state.DayTokens += tokens;
            return new LimitOutcome(new Reservation(state, tokens, minute, day), null, TimeSpan.Zero, null);
        }
    }

    /// <summary>Replaces the reserved tokens by those used. Settles once; later calls do nothing.</summary>
    public static void Settle(Reservation reservation, long usedTokens)
    {
        if (Interlocked.Exchange(ref reservation.Settled, 1) == 1)
        {
            return;
        }

        var delta = Math.Max(0, usedTokens) - reservation.Tokens;
        var state = reservation.State;
        lock (state.Gate)
        {
            // A window that has rolled over since admission no longer holds this reservation.
            if (state.MinuteWindow == reservation.MinuteWindow)
            {
                state.MinuteTokens = Math.Max(0, state.MinuteTokens + delta);
            }

            if (state.DayWindow == reservation.DayWindow)
            {
                state.DayTokens = Math.Max(0, state.DayTokens + delta);
            }
        }
    }

    private static void Roll(UsageWindowState state, long minute, long day)
    {
        if (state.MinuteWindow != minute)
        {
            state.MinuteWindow = minute;
            state.MinuteTokens = 0;
        }

        if (state.DayWindow != day)
        {
            state.DayWindow = day;
            state.DayTokens = 0;
        }
    }

    private static void Refill(UsageWindowState state, int rpm, DateTimeOffset now)
    {
        if (double.IsNaN(state.RequestTokens))
        {
            state.RequestTokens = rpm;
            state.RequestRefilledAtTicks = now.UtcTicks;
            return;
        }

        var elapsed = TimeSpan.FromTicks(Math.Max(0, now.UtcTicks - state.RequestRefilledAtTicks));
        state.RequestTokens = Math.Min(rpm, state.RequestTokens + (elapsed.TotalMinutes * rpm));
        state.RequestRefilledAtTicks = now.UtcTicks;
    }

    private static LimitOutcome Refuse(ErrorCode code, TimeSpan wait, string reason) => new(null, code, wait, reason);
}
