using Tiergate.Core.Policy;
using Tiergate.Storage.Monitoring;

namespace Tiergate.Console.Pages.Monitoring;

/// <summary>
/// One tier's traffic over the shown hours, with an <c>aggregate</c> tier's small groups already removed: an hour is
/// hidden unless at least <see cref="MinUsers"/> users made it (an hour without traffic is hidden too, so that hidden
/// does not tell "a few" from "none"). Totals add only the shown hours.
/// </summary>
public sealed class TierTraffic
{
    private TierTraffic(string tier, PrivacyMode privacy, int? minUsers, IReadOnlyList<TrafficHour> hours)
    {
        Tier = tier;
        Privacy = privacy;
        MinUsers = minUsers;
        Hours = hours;
        var shown = hours.Where(h => !h.Hidden).ToList();
        Requests = shown.Sum(h => h.Requests);
        Denied = shown.Sum(h => h.Denied);
        Blocked = shown.Sum(h => h.Blocked);
        Flagged = shown.Sum(h => h.Flagged);
        Tokens = shown.Sum(h => h.Tokens);
        HiddenHours = hours.Count(h => h.Hidden);
        Busiest = shown.Where(h => h.Requests > 0).OrderByDescending(h => h.Requests).ThenBy(h => h.Hour).FirstOrDefault();
    }

    public string Tier { get; }

    public PrivacyMode Privacy { get; }

    /// <summary>k of an <c>aggregate</c> tier; null for the other modes, which show every hour.</summary>
    public int? MinUsers { get; }

    /// <summary>Every hour of the period, oldest first.</summary>
    public IReadOnlyList<TrafficHour> Hours { get; }

    public long Requests { get; }

    public long Denied { get; }

    public long Blocked { get; }

    public long Flagged { get; }

    public long Tokens { get; }

    public int HiddenHours { get; }

    public TrafficHour? Busiest { get; }

    /// <summary>The tier's hours from <paramref name="firstHour"/> on, <paramref name="hourCount"/> of them, from its stored buckets.</summary>
    public static TierTraffic From(TierConfig tier, IEnumerable<TrafficCounts> buckets, DateTimeOffset firstHour, int hourCount)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var byHour = buckets.Where(b => b.Tier == tier.Name).ToDictionary(b => b.HourStart);
        int? k = tier.Monitoring.Privacy == PrivacyMode.Aggregate ? tier.Monitoring.AggregateMinUsers : null;
        var hours = new List<TrafficHour>(hourCount);
        for (var i = 0; i < hourCount; i++)
        {
            var at = firstHour.AddHours(i);
            var b = byHour.GetValueOrDefault(at);
            hours.Add(k is { } min && (b is null || b.Users < min)
                ? new TrafficHour(at, 0, 0, 0, 0, 0, Hidden: true)
                : new TrafficHour(at, b?.Requests ?? 0, b?.Denied ?? 0, b?.Blocked ?? 0, b?.Flagged ?? 0, b?.Tokens ?? 0, Hidden: false));
        }

        return new TierTraffic(tier.Name, tier.Monitoring.Privacy, k, hours);
    }
}

/// <summary>One hour of one tier as the console may show it; a hidden hour carries no figures at all.</summary>
public sealed record TrafficHour(DateTimeOffset Hour, long Requests, long Denied, long Blocked, long Flagged, long Tokens, bool Hidden);
