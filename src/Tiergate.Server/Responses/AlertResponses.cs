using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Responses;

namespace Tiergate.Server.Responses;

/// <summary>
/// Graduated responses in the gateway: <see cref="ApplyAsync"/> makes the responses an alert calls for (the monitor
/// subscriber calls it after raising the alert), and <see cref="Check"/> tells the request path what the active ones
/// do to a request, from an in-memory board (dictionary lookups, no database round trip). The board is reloaded at
/// once when a response changes in this process and every <see cref="RefreshInterval"/>, so changes made by the CLI
/// or another instance apply too. An automatic response takes effect on the next request.
/// </summary>
public sealed partial class AlertResponses : BackgroundService, Misuse.IAlertResponder
{
    /// <summary>How often the board is reloaded from the database.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>A throttled user's requests per minute where the tier sets none: a tenth of 60.</summary>
    public const int ThrottledDefaultPerMinute = 6;

    private readonly ResponseStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertResponses> _logger;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly ConcurrentDictionary<string, TierConfig> _throttledTiers = new(StringComparer.Ordinal);
    private volatile ResponseBoard _board = ResponseBoard.Empty;

    public AlertResponses(ResponseStore store, TimeProvider time, ILogger<AlertResponses> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        store.Changed += RefreshAsync;
    }

    /// <summary>How many active responses the gateway enforces now.</summary>
    public int Active => _board.Count;

    /// <summary>Makes the responses <paramref name="tier"/> configures for the alert's detector; they are in force before this returns.</summary>
    public async Task ApplyAsync(AlertView alert, long userId, string? keyId, TierConfig tier, CancellationToken cancellationToken) =>
        await _store.ForAlertAsync(alert, userId, keyId, tier, cancellationToken);

    /// <summary>What the active responses do to a request of <paramref name="caller"/> through <paramref name="tier"/>.</summary>
    public ResponseEnforcement Check(CallerContext caller, TierConfig tier)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(tier);
        var board = _board;
        if (board.Count == 0)
        {
            return ResponseEnforcement.None;
        }

        if (CheckKey(board, caller) is { } refused)
        {
            return refused;
        }

        if (board.GrantSuspended(caller.User.Id, tier.Name))
        {
            return new(ErrorCodes.GrantSuspended, $"Your grant to the tier '{tier.Name}' is suspended while a reviewer looks at an alert.", false, null);
        }

        var fallback = board.FallsBack(caller.User.Id, tier.Name) ? tier.Monitoring.FallbackVariant : null;
        return new(null, null, board.Throttled(caller.User.Id, tier.Name), fallback);
    }

    /// <summary>The refusals that concern the key and its owner whatever the tier (for <c>/v1/models</c>).</summary>
    public ResponseEnforcement CheckKey(CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var board = _board;
        return board.Count == 0 ? ResponseEnforcement.None : CheckKey(board, caller) ?? ResponseEnforcement.None;
    }

    /// <summary>Whether the caller's grant to <paramref name="tier"/> is suspended.</summary>
    public bool GrantSuspended(CallerContext caller, string tier) => _board.GrantSuspended(caller.User.Id, tier);

    /// <summary>The tier as the limiter should see it for a throttled user: requests per minute cut to a tenth, at least 1.</summary>
    public TierConfig Throttled(TierConfig tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return _throttledTiers.GetOrAdd(tier.Name, static (_, t) => t with
        {
            Limits = t.Limits with { RequestsPerMinute = ThrottledPerMinute(t.Limits.RequestsPerMinute) },
        }, tier);
    }

    /// <summary>A tenth of the tier's requests per minute, at least 1; <see cref="ThrottledDefaultPerMinute"/> where the tier sets none.</summary>
    internal static int ThrottledPerMinute(int? perMinute) => perMinute is { } rpm ? Math.Max(1, rpm / 10) : ThrottledDefaultPerMinute;

    /// <summary>Reloads the board from the database (serialised, so a slow older load never replaces a newer one).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            _board = new ResponseBoard(await _store.InForceAsync(cancellationToken));
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>The board is loaded before the gateway takes its first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshSafelyAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _store.Changed -= RefreshAsync;
        _reload.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static ResponseEnforcement? CheckKey(ResponseBoard board, CallerContext caller)
    {
        if (board.KeySuspended(caller.Key.Id))
        {
            return new(ErrorCodes.KeySuspended, "This API key is suspended while a reviewer looks at an alert.", false, null);
        }

        if (board.ReauthRequired(caller.User.Id))
        {
            return new(ErrorCodes.ReauthenticationRequired, "Your keys are paused: sign in to the Tiergate console with your second factor (authenticator code, recovery code or passkey), then try again.", false, null);
        }

        return null;
    }

    /// <summary>A failed reload keeps the last board (what was in force stays in force) and is logged.</summary>
    private async Task RefreshSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(_logger, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Could not reload the active monitoring responses ({Error}); the last ones stay in force")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}
