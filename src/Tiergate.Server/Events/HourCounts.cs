using Tiergate.Monitoring.Events;
using Tiergate.Storage.Monitoring;

namespace Tiergate.Server.Events;

/// <summary>One tier's counts in one hour since the last flush, and the users seen in the whole hour (callers hold the recorder's lock).</summary>
internal sealed class HourCounts
{
    private readonly HashSet<long> _users = [];
    private long _requests, _denied, _blocked, _flagged, _tokens;
    private int _usersFlushed;

    /// <summary>Something not yet written: a count, or users the database has not heard of.</summary>
    public bool Pending => (_requests | _denied | _blocked | _flagged | _tokens) != 0 || _users.Count != _usersFlushed;

    public void Count(UsageEvent e)
    {
        switch (e.Kind)
        {
            case UsageEventKinds.Admitted:
                _requests++;
                break;
            case UsageEventKinds.Denied:
                _requests++;
                _denied++;
                break;
            case UsageEventKinds.SafeguardBlock:
                _blocked++;
                break;
            case UsageEventKinds.SafeguardFlag:
                _flagged++;
                break;
            case UsageEventKinds.Completed:
                _tokens += Math.Max(0, e.PromptTokens ?? 0) + Math.Max(0, e.CompletionTokens ?? 0);
                break;
            default:
                return;
        }

        if (e.UserId is { } user && e.Kind is UsageEventKinds.Admitted or UsageEventKinds.Denied)
        {
            _users.Add(user);
        }
    }

    /// <summary>The increment to write, and the counts reset (the users stay: the hour's distinct count keeps growing).</summary>
    public TrafficCounts Take(string tier, DateTimeOffset hour)
    {
        var taken = new TrafficCounts(tier, hour, _requests, _denied, _blocked, _flagged, _tokens, _users.Count);
        _requests = _denied = _blocked = _flagged = _tokens = 0;
        _usersFlushed = _users.Count;
        return taken;
    }

    /// <summary>A failed write's counts, back for the next flush.</summary>
    public void GiveBack(TrafficCounts increment)
    {
        _requests += increment.Requests;
        _denied += increment.Denied;
        _blocked += increment.Blocked;
        _flagged += increment.Flagged;
        _tokens += increment.Tokens;
        _usersFlushed = Math.Min(_usersFlushed, increment.Users - 1);
    }
}
