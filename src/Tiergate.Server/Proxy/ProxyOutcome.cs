namespace Tiergate.Server.Proxy;

/// <summary>How a forwarded request ended, and what the upstream reported it used.</summary>
public enum ProxyStatus
{
    /// <summary>The upstream answered and the answer reached the client.</summary>
    Completed,

    /// <summary>The upstream answered with an error, or could not be reached, before any answer was sent.</summary>
    UpstreamFailed,

    /// <summary>The upstream went silent past the timeout.</summary>
    TimedOut,

    /// <summary>The client disconnected; the upstream call was cancelled.</summary>
    ClientGone,

    /// <summary>The admission audit record could not be made durable: the upstream call was cancelled and nothing was sent to the client.</summary>
    AuditUnavailable,
}

/// <param name="Output">What screening the answer found; <see cref="Screening.ScreeningOutcome.Clean"/> when not screened.</param>
public sealed record ProxyOutcome(ProxyStatus Status, UpstreamUsage? Usage, int UpstreamStatus, Screening.ScreeningOutcome? Output = null);
