using Microsoft.Extensions.Logging;

namespace Tiergate.Server.Limits.Shared;

/// <summary>Log lines of the shared-state limiter (event ids 1800-1809). Never a key, a connection string or a password.</summary>
internal static partial class SharedStateLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Error, Message = "Shared state (Redis) unreachable ({Failure}): tiers with limits.when_shared_state_down: refuse answer 503 shared_state_unavailable; tiers with local count on this instance only")]
    public static partial void Down(ILogger logger, string failure);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Shared state (Redis) reachable again: every tier counts in Redis")]
    public static partial void Up(ILogger logger);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Tier '{Tier}' counts locally while the shared state is down (limits.when_shared_state_down: local): limits hold per instance, not across instances")]
    public static partial void CountingLocally(ILogger logger, string tier);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Settling a reservation in Redis failed ({Failure}); it stays counted in full until its window ends")]
    public static partial void SettleFailed(ILogger logger, string failure);
}
