namespace Tiergate.Monitoring.Detectors.State;

/// <summary>
/// A user's requests per active hour in one tier: the current hour's count and an exponentially weighted mean and
/// variance of past active hours (hours with no request are not part of the baseline, so a working day is not
/// compared with a night).
/// </summary>
public sealed class RateBaseline
{
    /// <summary>About two days of active hours dominate the baseline.</summary>
    public const double MaxWeight = 1.0 / 48;

    public DateTimeOffset HourStart { get; set; }

    public long Count { get; set; }

    public double Mean { get; set; }

    public double Variance { get; set; }

    public long ActiveHours { get; set; }

    public DateTimeOffset? AlertedHour { get; set; }

    /// <summary>The hour before this one, not yet in the baseline: a burst across an hour boundary is still judged against the baseline from before it.</summary>
    public long Pending { get; set; }

    /// <summary>Moves to the hour of <paramref name="at"/>; a finished hour joins the baseline one hour late.</summary>
    public void Roll(DateTimeOffset at)
    {
        var hour = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        if (hour == HourStart)
        {
            return;
        }

        Fold(Pending);
        var next = hour - HourStart == TimeSpan.FromHours(1);
        Pending = next ? Count : 0;
        if (!next)
        {
            Fold(Count);
        }

        HourStart = hour;
        Count = 0;
    }

    private void Fold(long count)
    {
        if (count == 0)
        {
            return;
        }

        ActiveHours++;
        var weight = Math.Max(MaxWeight, 1.0 / ActiveHours);
        var delta = count - Mean;
        Mean += weight * delta;
        Variance = (1 - weight) * (Variance + (weight * delta * delta));
    }
}
