namespace Tiergate.Core.Policy;

/// <summary>
/// What the gateway does for a tier when its shared counters (Redis) cannot be reached
/// (<c>limits.when_shared_state_down</c>).
/// </summary>
public enum SharedStateDownMode
{
    /// <summary>Refuse the request with 503 <c>shared_state_unavailable</c>: no instance can spend beyond the tier's limits.</summary>
    Refuse = 0,

    /// <summary>Count in this instance's memory until the shared store is back: each instance enforces the limits on its own share.</summary>
    Local = 1,
}
