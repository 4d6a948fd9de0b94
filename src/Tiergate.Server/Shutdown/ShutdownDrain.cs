using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tiergate.Server.Shutdown;

/// <summary>
/// Graceful stop (SIGTERM): from <see cref="Begin"/> on, the instance is draining: <c>/readyz</c> answers 503, new
/// requests are refused (503 <c>shutting_down</c>), and the requests in flight run on until they finish or the
/// deadline (<c>server.shutdown_timeout</c>) passes, when the ones left are aborted so that the process can stop.
/// The audit writer is flushed after that, when the host disposes it.
/// </summary>
public sealed partial class ShutdownDrain : IDisposable
{
    /// <summary>What <c>server.shutdown_timeout</c> defaults to: as long as a long stream takes, and Kubernetes' default grace period.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Added to the deadline for the host's own stop: background services' last flushes run after the requests are gone.</summary>
    public static readonly TimeSpan FlushMargin = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<long, Action> _inFlight = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _nextId;
    private int _draining;
    private ITimer? _deadline;

    public ShutdownDrain(TimeProvider time, TimeSpan timeout, ILogger<ShutdownDrain> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Timeout = timeout;
    }

    /// <summary>How long requests in flight may run on after <see cref="Begin"/>.</summary>
    public TimeSpan Timeout { get; }

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Requests being served now.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Requests the deadline cut.</summary>
    public int Cut { get; private set; }

    /// <summary>Tracks one request until the result is disposed; <paramref name="abort"/> is called if the deadline passes first.</summary>
    public IDisposable Enter(Action abort)
    {
        ArgumentNullException.ThrowIfNull(abort);
        var id = Interlocked.Increment(ref _nextId);
        _inFlight[id] = abort;
        return new Tracked(this, id);
    }

    /// <summary>Starts draining (idempotent): readiness fails, new requests are refused, and the deadline starts.</summary>
    public void Begin()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 1)
        {
            return;
        }

        LogDraining(_logger, _inFlight.Count, (long)Timeout.TotalSeconds);
        _deadline = _time.CreateTimer(_ => CutRemaining(), null, Timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _deadline?.Dispose();

    private void CutRemaining()
    {
        var remaining = _inFlight.ToArray();
        if (remaining.Length == 0)
        {
            return;
        }

        Cut = remaining.Length;
        LogCut(_logger, remaining.Length, (long)Timeout.TotalSeconds);
        foreach (var (id, abort) in remaining)
        {
            if (_inFlight.TryRemove(id, out _))
            {
                abort();
            }
        }
    }

    private void Leave(long id) => _inFlight.TryRemove(id, out _);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Shutting down: new requests are refused and /readyz fails; {InFlight} requests in flight may finish within {Seconds} s (server.shutdown_timeout)")]
    private static partial void LogDraining(ILogger logger, int inFlight, long seconds);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Shutdown deadline of {Seconds} s reached: {Count} requests still in flight were cut")]
    private static partial void LogCut(ILogger logger, int count, long seconds);

    private sealed class Tracked(ShutdownDrain drain, long id) : IDisposable
    {
        public void Dispose() => drain.Leave(id);
    }
}
