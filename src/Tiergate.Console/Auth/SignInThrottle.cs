using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Tiergate.Console.Hosting;

namespace Tiergate.Console.Auth;

/// <summary>
/// Slows password guessing without letting anyone lock the owner out. Per source address: after
/// <see cref="ConsoleOptions.SourceFailureLimit"/> failures in the window, that address is refused until the
/// window ends (other addresses, the owner's included, are not). Per account: past
/// <see cref="ConsoleOptions.AccountFailuresBeforeDelay"/> failures, each attempt waits a doubling delay
/// (capped) before its password is checked, and a correct password still signs in. Accounts are keyed by the
/// hash of the address typed, so unknown addresses are throttled exactly like registered ones. In process:
/// several server instances each count their own (a shared counter is a later seam, like the usage limiter's).
/// </summary>
public sealed class SignInThrottle(ConsoleOptions options, TimeProvider time)
{
    /// <summary>Past this many tracked sources or accounts, windows with no failure left in them are swept (memory stays bounded).</summary>
    public const int SweepAbove = 50_000;

    private readonly ConcurrentDictionary<string, Window> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Window> _accounts = new(StringComparer.Ordinal);

    public bool SourceRefused(string source) =>
        _sources.TryGetValue(source, out var w) && w.Count(time.GetUtcNow(), options.ThrottleWindow) >= options.SourceFailureLimit;

    /// <summary>How long to wait before checking this account's password.</summary>
    public TimeSpan AccountDelay(string accountKey)
    {
        if (!_accounts.TryGetValue(Key(accountKey), out var w))
        {
            return TimeSpan.Zero;
        }

        var over = w.Count(time.GetUtcNow(), options.ThrottleWindow) - options.AccountFailuresBeforeDelay;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }

        var delay = options.AccountDelay * Math.Pow(2, Math.Min(over, 10));
        return delay < options.MaxAccountDelay ? delay : options.MaxAccountDelay;
    }

    public void RecordFailure(string source, string accountKey)
    {
        var now = time.GetUtcNow();
        _sources.GetOrAdd(source, _ => new Window()).Add(now, options.ThrottleWindow);
        _accounts.GetOrAdd(Key(accountKey), _ => new Window()).Add(now, options.ThrottleWindow);
        SweepIfLarge(_sources, now);
        SweepIfLarge(_accounts, now);
    }

    /// <summary>How many sources and accounts are tracked now (for tests and metrics).</summary>
    public (int Sources, int Accounts) Tracked => (_sources.Count, _accounts.Count);

    public void RecordSuccess(string accountKey) => _accounts.TryRemove(Key(accountKey), out _);

    /// <summary>Random addresses and typed emails must not grow the maps without end: drop windows that emptied.</summary>
    private void SweepIfLarge(ConcurrentDictionary<string, Window> windows, DateTimeOffset now)
    {
        if (windows.Count <= SweepAbove)
        {
            return;
        }

        foreach (var (key, window) in windows)
        {
            if (window.Count(now, options.ThrottleWindow) == 0)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Accounts are not kept by their address in memory.</summary>
    private static string Key(string accountKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accountKey.ToUpperInvariant())));

    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _failures = new();

        public void Add(DateTimeOffset now, TimeSpan window)
        {
            lock (_failures)
            {
                Trim(now, window);
                if (_failures.Count < 1000)
                {
                    _failures.Enqueue(now);
                }
            }
        }

        public int Count(DateTimeOffset now, TimeSpan window)
        {
            lock (_failures)
            {
                Trim(now, window);
                return _failures.Count;
            }
        }

        private void Trim(DateTimeOffset now, TimeSpan window)
        {
            while (_failures.Count > 0 && now - _failures.Peek() > window)
            {
                _failures.Dequeue();
            }
        }
    }
}
