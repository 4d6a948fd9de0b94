namespace Tiergate.Server.Limits;

/// <summary>
/// Tokens held for one request from admission until the upstream reports what it used. Settle once
/// with the tokens used, or release when nothing was answered; later calls do nothing. A lease that is
/// neither settled nor released keeps the whole reservation (an answer of unknown size counts in full).
/// </summary>
public abstract class UsageLease
{
    private int _settled;

    protected UsageLease(long tokens) => Tokens = tokens;

    /// <summary>The tokens reserved at admission.</summary>
    public long Tokens { get; }

    /// <summary>Replaces the reserved tokens by <paramref name="usedTokens"/>.</summary>
    public ValueTask SettleAsync(long usedTokens, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _settled, 1) == 1 ? ValueTask.CompletedTask : ApplyAsync(Math.Max(0, usedTokens) - Tokens, cancellationToken);

    /// <summary>Gives the whole reservation back: the request was refused or failed before any answer.</summary>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken = default) => SettleAsync(0, cancellationToken);

    /// <summary>Adds <paramref name="delta"/> (at most zero) to the windows the reservation was taken in, if they are still current.</summary>
    protected abstract ValueTask ApplyAsync(long delta, CancellationToken cancellationToken);
}
