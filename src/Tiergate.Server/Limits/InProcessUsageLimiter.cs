using System.Collections.Concurrent;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Server.Limits;

/// <summary>
/// The embedded limiter: counters in this process, one lock per user and tier (token bucket for
/// requests per minute, fixed windows for tokens per minute and per UTC day). An entry that a fresh
/// one would equal (idle for a minute, and its day over or no daily quota) is evicted once a minute,
/// so memory follows the users active today, not every user ever seen.
/// </summary>
public sealed class InProcessUsageLimiter : IUsageLimiter, IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<(long User, string Tier), UsageWindowState> _states = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public InProcessUsageLimiter(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(static self => ((InProcessUsageLimiter)self!).EvictIdle(), this, Minute, Minute);
    }

    /// <summary>Entries held now (for tests and metrics).</summary>
    public int TrackedEntries => _states.Count;

    public ValueTask<LimitOutcome> TryReserveAsync(long userId, TierConfig tier, long tokens, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryReserve(userId, tier, tokens));

    public void Dispose() => _sweeper.Dispose();

    private LimitOutcome TryReserve(long userId, TierConfig tier, long tokens)
    {
        while (true)
        {
            var state = _states.GetOrAdd((userId, tier.Name), static _ => new UsageWindowState());
            lock (state.Gate)
            {
                if (!state.Evicted)
                {
                    return TryReserve(state, tier, tokens, _time.GetUtcNow());
                }
            }
        }
    }

    private static LimitOutcome TryReserve(UsageWindowState state, TierConfig tier, long tokens, DateTimeOffset now)
    {
        var limits = tier.Limits;
        var minute = now.UtcTicks / Minute.Ticks;
        var day = now.UtcTicks / Day.Ticks;
        Roll(state, minute, day);
        if (limits.RequestsPerMinute is { } rpm)
        {
            Refill(state, rpm, now);
            if (state.RequestTokens < 1)
            {
                var wait = TimeSpan.FromSeconds((1 - state.RequestTokens) * 60.0 / rpm);
                return LimitOutcome.Refuse(ErrorCodes.RateLimited, wait, $"The tier '{tier.Name}' allows {rpm} requests per minute.");
            }
        }

        if (limits.TokensPerMinute is { } tpm && state.MinuteTokens + tokens > tpm)
        {
            var wait = TimeSpan.FromTicks(((minute + 1) * Minute.Ticks) - now.UtcTicks);
            return LimitOutcome.Refuse(ErrorCodes.RateLimited, wait, $"The tier '{tier.Name}' allows {tpm} tokens per minute; this request reserves {tokens}.");
        }

        if (limits.TokensPerDay is { } tpd && state.DayTokens + tokens > tpd)
        {
            var wait = TimeSpan.FromTicks(((day + 1) * Day.Ticks) - now.UtcTicks);
            return LimitOutcome.Refuse(ErrorCodes.QuotaExceeded, wait, $"The tier '{tier.Name}' allows {tpd} tokens per day; this request reserves {tokens}.");
        }

        if (limits.RequestsPerMinute is not null)
        {
            state.RequestTokens -= 1;
        }

        state.MinuteTokens += tokens;
        state.DayTokens += tokens;
        state.LastUsedTicks = now.UtcTicks;
        return LimitOutcome.Admit(new Lease(state, tokens, minute, day));
    }

    /// <summary>
    /// Removes entries that hold nothing a fresh entry would not: no admission for a minute (the request
    /// bucket is full again and the minute window has passed) and a UTC day that has ended since.
    /// A lease still open on an evicted entry settles into windows that are over, which changes nothing.
    /// </summary>
    private void EvictIdle()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var today = now / Day.Ticks;
        foreach (var (key, state) in _states)
        {
            lock (state.Gate)
            {
                if (now - state.LastUsedTicks >= Minute.Ticks && state.LastUsedTicks / Day.Ticks < today)
                {
                    state.Evicted = true;
                    _states.TryRemove(KeyValuePair.Create(key, state));
                }
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

    private sealed class Lease(UsageWindowState state, long tokens, long minuteWindow, long dayWindow) : UsageLease(tokens)
    {
        protected override ValueTask ApplyAsync(long delta, CancellationToken cancellationToken)
        {
            lock (state.Gate)
            {
                // A window that has rolled over since admission no longer holds this reservation.
                if (state.MinuteWindow == minuteWindow)
                {
                    state.MinuteTokens = Math.Max(0, state.MinuteTokens + delta);
                }

                if (state.DayWindow == dayWindow)
                {
                    state.DayTokens = Math.Max(0, state.DayTokens + delta);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
