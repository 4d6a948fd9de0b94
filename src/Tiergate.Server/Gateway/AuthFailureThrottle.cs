using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>
/// Failed authentications (no key, or a key that is malformed, unknown or wrong) are counted per source and
/// clock minute and audited as one <c>gateway.auth_failures</c> record per source and minute, with the count,
/// instead of one record each: a flood of bad keys would otherwise cost a signed, fsynced audit append per
/// request. Past <see cref="FailuresPerMinute"/> failures in a minute, a source's further failures are answered
/// 429 <c>too_many_auth_failures</c> with Retry-After (the end of the minute) instead of 401.
/// <para>
/// Only failures are throttled: every request's key is still checked, so a valid key from a throttled source
/// (a NAT shared with an attacker) goes through at its normal speed, and a valid request never touches this
/// class. A source is the client address (after trusted proxies), an IPv6 address's /64.
/// </para>
/// <para>
/// A minute's record is written by the first failure from that source after the minute ends, by a sweep every
/// <see cref="SweepInterval"/>, and, for every open minute, when the host stops. State is per instance (issue
/// 18 shares it); at most <see cref="MaxSources"/> sources are tracked a minute, the rest are counted together
/// as source <c>*</c>. If an append fails, the window stays pending and the next sweep retries it.
/// </para>
/// </summary>
public sealed partial class AuthFailureThrottle(IAuditLog audit, TimeProvider time, ILogger<AuthFailureThrottle> logger) : IHostedService, IAsyncDisposable
{
    public const int FailuresPerMinute = 20;
    public const int MaxSources = 10_000;
    public const string OverflowSource = "*";
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, AuthFailureWindow> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AuthFailureWindow> _closed = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private ITimer? _sweep;
    private int _disposed;

    /// <summary>True when an error code is an authentication failure this class aggregates.</summary>
    public static bool Aggregates(ErrorCode code) => code == ErrorCodes.MissingApiKey || code == ErrorCodes.InvalidApiKey;

    /// <summary>
    /// Counts a failed authentication. Returns how long the source must wait when it is throttled (answer 429),
    /// or null (answer 401). Also writes the records of minutes that have ended.
    /// </summary>
    public async Task<TimeSpan?> FailedAsync(HttpContext context, ErrorCode code, string? keyId)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var source = SourceOf(context.Connection.RemoteIpAddress);
        bool throttled;
        bool first;
        while (true)
        {
            var window = Window(source, minute);
            lock (window)
            {
                if (window.Minute != minute)
                {
                    // Its minute has ended: close it (once) and count this failure in a new window.
                    if (_open.TryRemove(new KeyValuePair<string, AuthFailureWindow>(window.Source, window)))
                    {
                        _closed.Enqueue(window);
                    }

                    continue;
                }

                throttled = window.Add(code, keyId, context.Request.Path.Value ?? "", FailuresPerMinute);
                first = throttled && window.Throttled == 1;
                source = window.Source;
                break;
            }
        }

        if (first)
        {
            LogThrottled(logger, source, FailuresPerMinute);
        }

        if (!_closed.IsEmpty)
        {
            await FlushAsync(CancellationToken.None);
        }

        return throttled ? TimeSpan.FromSeconds(((minute + 1) * 60) - now.ToUnixTimeSeconds()) : null;
    }

    /// <summary>Closes the windows of ended minutes (or all of them) and writes their records.</summary>
    public async Task FlushAsync(bool includeOpenMinute, CancellationToken cancellationToken)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        foreach (var (source, window) in _open)
        {
            lock (window)
            {
                if ((includeOpenMinute || window.Minute < minute) && _open.TryRemove(new KeyValuePair<string, AuthFailureWindow>(source, window)))
                {
                    _closed.Enqueue(window);
                }
            }
        }

        await FlushAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweep = time.CreateTimer(_ => _ = SweepAsync(), null, SweepInterval, SweepInterval);
        return Task.CompletedTask;
    }

    /// <summary>On shutdown the open minutes are written too, so the last minute is not lost.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sweep is not null)
        {
            await _sweep.DisposeAsync();
        }

        await FlushAsync(includeOpenMinute: true, CancellationToken.None);
    }

    /// <summary>
    /// Hosted services stop before the server has drained its last requests; the container disposes this
    /// before the audit log it depends on, so what arrived in between is written here.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_sweep is not null)
        {
            await _sweep.DisposeAsync();
        }

        await FlushAsync(includeOpenMinute: true, CancellationToken.None);
    }

    private AuthFailureWindow Window(string source, long minute)
    {
        if (_open.TryGetValue(source, out var window))
        {
            return window;
        }

        var key = _open.Count >= MaxSources ? OverflowSource : source;
        return _open.GetOrAdd(key, static (k, m) => new AuthFailureWindow(k, m), minute);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            while (_closed.TryPeek(out var window))
            {
                try
                {
                    await audit.AppendAsync(window.ToAuditEvent(), cancellationToken);
                }
                catch (AuditUnavailableException)
                {
                    LogAuditFailed(logger, window.Source, window.Count);
                    return; // Kept: the next sweep retries.
                }

                _closed.TryDequeue(out _);
                LogAudited(logger, window.Count, window.Source);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            await FlushAsync(includeOpenMinute: false, CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // Stopping: the audit log is gone; the shutdown flush has written what it could.
        }
    }

    /// <summary>The client address; IPv6 by its /64, which one host or customer usually holds whole.</summary>
    public static string SourceOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Throttling failed authentications from {Source}: more than {Limit} this minute")]
    private static partial void LogThrottled(ILogger logger, string source, int limit);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Audited {Count} failed authentications from {Source} in one minute")]
    private static partial void LogAudited(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Could not audit {Count} failed authentications from {Source}; retrying at the next sweep")]
    private static partial void LogAuditFailed(ILogger logger, string source, int count);
}
