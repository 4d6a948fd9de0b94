using System.Collections.Frozen;
using Tiergate.Core.Monitoring;
using Tiergate.Storage.Responses;

namespace Tiergate.Server.Responses;

/// <summary>
/// One immutable snapshot of the active responses, indexed for the request path: a few frozen-set lookups and
/// no allocation per request. Replaced whole when responses change.
/// </summary>
internal sealed class ResponseBoard
{
    public static readonly ResponseBoard Empty = new([]);

    private readonly FrozenSet<string> _suspendedKeys;
    private readonly FrozenSet<long> _reauth;
    private readonly FrozenSet<(long User, string Tier)> _suspendedGrants;
    private readonly FrozenSet<(long User, string Tier)> _throttled;
    private readonly FrozenSet<(long User, string Tier)> _fallback;

    public ResponseBoard(IReadOnlyCollection<ActiveResponse> active)
    {
        Count = active.Count;
        _suspendedKeys = active.Where(r => Is(r, ResponseAction.SuspendKey) && r.KeyId is not null).Select(r => r.KeyId!).ToFrozenSet(StringComparer.Ordinal);
        _reauth = active.Where(r => Is(r, ResponseAction.RequireReauth)).Select(r => r.UserId).ToFrozenSet();
        _suspendedGrants = Pairs(active, ResponseAction.SuspendGrant);
        _throttled = Pairs(active, ResponseAction.Throttle);
        _fallback = Pairs(active, ResponseAction.Fallback);
    }

    /// <summary>How many active responses the board holds.</summary>
    public int Count { get; }

    public bool KeySuspended(string keyId) => _suspendedKeys.Contains(keyId);

    public bool ReauthRequired(long userId) => _reauth.Contains(userId);

    public bool GrantSuspended(long userId, string tier) => _suspendedGrants.Contains((userId, tier));

    public bool Throttled(long userId, string tier) => _throttled.Contains((userId, tier));

    public bool FallsBack(long userId, string tier) => _fallback.Contains((userId, tier));

    private static bool Is(ActiveResponse response, ResponseAction action) =>
        ResponseNames.Actions.TryGetValue(response.Action, out var a) && a == action;

    private static FrozenSet<(long, string)> Pairs(IEnumerable<ActiveResponse> active, ResponseAction action) =>
        active.Where(r => Is(r, action)).Select(r => (r.UserId, r.Tier)).ToFrozenSet();
}
