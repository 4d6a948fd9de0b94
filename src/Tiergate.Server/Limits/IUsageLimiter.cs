using Tiergate.Core.Policy;

namespace Tiergate.Server.Limits;

/// <summary>
/// Requests per minute, tokens per minute and tokens per UTC day, per user and tier. Admission reserves
/// the worst case (prompt estimate plus completion budget) atomically, so concurrent requests, on one
/// instance or several, never overspend; the lease it returns later settles what was actually used.
/// Implementations: <see cref="InProcessUsageLimiter"/> (one gateway); a shared store for several.
/// Every implementation passes the same contract tests.
/// </summary>
public interface IUsageLimiter
{
    ValueTask<LimitOutcome> TryReserveAsync(long userId, TierConfig tier, long tokens, CancellationToken cancellationToken);
}
