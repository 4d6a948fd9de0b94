namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Time-ordered lists of recent hits: drops hits older than the window and keeps at most as many as a threshold
/// needs, so a client hammering one key cannot grow a list (or the stored state) without bound.
/// </summary>
internal static class RecentTimes
{
    /// <summary>Trims <paramref name="times"/> (and <paramref name="alongside"/>, index for index) to the window ending at <paramref name="at"/> and to the newest <paramref name="max"/> − 1, leaving room for one more.</summary>
    public static void Trim<T>(List<DateTimeOffset> times, DateTimeOffset at, TimeSpan window, double max, List<T>? alongside = null)
    {
        var drop = 0;
        while (drop < times.Count && at - times[drop] > window)
        {
            drop++;
        }

        drop = Math.Max(drop, times.Count - Math.Max(0, (int)max - 1));
        if (drop > 0)
        {
            times.RemoveRange(0, drop);
            alongside?.RemoveRange(0, drop);
        }
    }
}
