namespace Tiergate.Storage.Monitoring;

/// <summary>
/// One tier's traffic in one UTC hour: as an increment a gateway adds (<see cref="TrafficStore.AddAsync"/>), or as the
/// bucket read back. Counts only, never who or what.
/// </summary>
/// <param name="Users">Distinct users: in an increment, those the writing instance saw in the hour so far (stored as the maximum of the writers', never a sum, so that an <c>aggregate</c> tier's k is never reached by counting one user twice).</param>
public sealed record TrafficCounts(string Tier, DateTimeOffset HourStart, long Requests, long Denied, long Blocked, long Flagged, long Tokens, int Users)
{
    /// <summary>The start of the UTC hour that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
