namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Finds a timer in a user's requests: a chain of requests each one period after the one before, within a small
/// tolerance, even when other requests (the person's own use of the same key) fall in between. People and
/// latency-bound loops jitter far more than a timer does, so their intervals never chain for long.
/// </summary>
internal static class RegularIntervals
{
    /// <summary>How many request times are kept per user and tier: the chain's members and the requests between them.</summary>
    public const int Remembered = 96;

    /// <summary>Periods are taken from the gaps to this many latest requests.</summary>
    private const int Candidates = 8;

    /// <summary>The period, in seconds, of a chain of <paramref name="needed"/> requests ending at <paramref name="at"/>; null when there is none.</summary>
    public static double? Find(List<DateTimeOffset> times, DateTimeOffset at, int needed, double tolerance)
    {
        for (var j = 1; j <= Math.Min(Candidates, times.Count); j++)
        {
            var period = (at - times[^j]).TotalSeconds;
            if (period is < 0.5 or > 3600)
            {
                continue;
            }

            var slack = Math.Max(0.05, tolerance * period);
            var anchor = at;
            var chain = 1;
            while (chain < needed && Nearest(times, anchor.AddSeconds(-period)) is { } hit && Math.Abs((hit - anchor.AddSeconds(-period)).TotalSeconds) <= slack)
            {
                anchor = hit;
                chain++;
            }

            if (chain >= needed)
            {
                return period;
            }
        }

        return null;
    }

    public static void Remember(List<DateTimeOffset> times, DateTimeOffset at)
    {
        if (times.Count > 0 && at < times[^1])
        {
            return;
        }

        if (times.Count >= Remembered)
        {
            times.RemoveAt(0);
        }

        times.Add(at);
    }

    private static DateTimeOffset? Nearest(List<DateTimeOffset> times, DateTimeOffset target)
    {
        var index = times.BinarySearch(target);
        if (index >= 0)
        {
            return times[index];
        }

        index = ~index;
        DateTimeOffset? best = null;
        foreach (var i in new[] { index - 1, index })
        {
            if (i >= 0 && i < times.Count && (best is not { } b || Math.Abs((times[i] - target).Ticks) < Math.Abs((b - target).Ticks)))
            {
                best = times[i];
            }
        }

        return best;
    }
}
