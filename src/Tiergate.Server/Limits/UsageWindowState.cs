namespace Tiergate.Server.Limits;

/// <summary>One user's counters in one tier; guarded by its own lock so users never contend.</summary>
internal sealed class UsageWindowState
{
    public readonly Lock Gate = new();

    public double RequestTokens = double.NaN;
    public long RequestRefilledAtTicks;

    public long MinuteWindow = -1;
    public long MinuteTokens;

    public long DayWindow = -1;
    public long DayTokens;

    /// <summary>Last admission, in UTC ticks: what eviction judges idleness by.</summary>
    public long LastUsedTicks;

    /// <summary>Set under the lock when the entry leaves the table; a reserver holding it looks again.</summary>
    public bool Evicted;
}
