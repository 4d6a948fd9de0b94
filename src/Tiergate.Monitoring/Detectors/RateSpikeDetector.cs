using Tiergate.Core.Monitoring;

namespace Tiergate.Monitoring.Detectors;

/// <summary>An hour's requests far above the user's own baseline in the tier: many times the mean and many deviations above it.</summary>
public sealed class RateSpikeDetector : IDetector
{
    public string Name => DetectorCatalogue.RateSpike;

    public void Observe(DetectorInput input, List<Detection> into)
    {
        if (!input.IsRequest)
        {
            return;
        }

        var rate = input.Activity.Rate;
        var factor = input.Threshold(Name, "factor");
        var deviations = input.Threshold(Name, "deviations");
        var minRequests = input.Threshold(Name, "min_requests");
        var minHours = input.Threshold(Name, "min_history_hours");
        rate.Roll(input.Event.At);
        rate.Count++;
        var sd = Math.Sqrt(rate.Variance);
        if (rate.AlertedHour == rate.HourStart || rate.ActiveHours < minHours
            || rate.Count < minRequests || rate.Count <= factor * rate.Mean || rate.Count <= rate.Mean + (deviations * sd))
        {
            return;
        }

        rate.AlertedHour = rate.HourStart;
        into.Add(Evidence.New(Name, input, DetectionSeverity.Low, new Dictionary<string, string>
        {
            ["seen"] = $"{Evidence.Text(rate.Count)} requests in the hour from {Evidence.Text(rate.HourStart)}",
            ["baseline_mean"] = Evidence.Text(rate.Mean),
            ["baseline_sd"] = Evidence.Text(sd),
            ["baseline_active_hours"] = Evidence.Text(rate.ActiveHours),
            ["factor"] = Evidence.Text(factor),
            ["deviations"] = Evidence.Text(deviations),
            ["min_requests"] = Evidence.Text(minRequests),
        }));
    }
}
