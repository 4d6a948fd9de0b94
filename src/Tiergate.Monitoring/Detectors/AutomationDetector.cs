using Tiergate.Core.Monitoring;
using Tiergate.Monitoring.Detectors.State;
using Tiergate.Monitoring.Events;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Scripted use: requests at machine-regular intervals (people and latency-bound loops jitter; a timer does not),
/// or a sweep of near-identical prompts (one template with small changes) within minutes.
/// </summary>
public sealed class AutomationDetector : IDetector
{
    /// <summary>How many recent prompts a new one is compared with.</summary>
    public const int RecentSketches = 32;

    public string Name => DetectorCatalogue.Automation;

    public void Observe(DetectorInput input, List<Detection> into)
    {
        if (!input.IsRequest)
        {
            return;
        }

        Regularity(input, into);
        if (input.Event.Kind == UsageEventKinds.Admitted && input.Event.Sketch is { } sketch)
        {
            Sweep(input, new TimedSketch(sketch, input.Event.At), into);
        }
    }

    private void Regularity(DetectorInput input, List<Detection> into)
    {
        var a = input.Activity;
        var at = input.Event.At;
        var needed = (int)input.Threshold(Name, "regular_requests");
        var tolerance = input.Threshold(Name, "interval_tolerance");
        var found = RegularIntervals.Find(a.RecentRequests, at, needed, tolerance);
        RegularIntervals.Remember(a.RecentRequests, at);
        if (found is not { } period || !Evidence.CooledDown(a.Cooldowns, Name, at, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        into.Add(Evidence.New(Name, input, DetectionSeverity.Low, new Dictionary<string, string>
        {
            ["pattern"] = "regular intervals",
            ["seen"] = $"{Evidence.Text(needed)} requests {Evidence.Text(period)} s apart (each interval within {Evidence.Text(tolerance * 100)} %), other requests between them aside",
            ["interval_tolerance"] = Evidence.Text(tolerance),
            ["regular_requests"] = Evidence.Text(needed),
        }));
    }

    private void Sweep(DetectorInput input, TimedSketch current, List<Detection> into)
    {
        var a = input.Activity;
        var window = TimeSpan.FromMinutes(input.Threshold(Name, "window_minutes"));
        var similarity = input.Threshold(Name, "sweep_similarity");
        var stale = a.Recent.FindIndex(s => current.At - s.At <= window);
        a.Recent.RemoveRange(0, stale < 0 ? a.Recent.Count : stale);
        RecentTimes.Trim<DateTimeOffset>(a.SweepHits, current.At, window, input.Threshold(Name, "sweep_prompts") - 1);
        if (a.Recent.Exists(s => s.Sketch.Similarity(current.Sketch) >= similarity))
        {
            a.SweepHits.Add(current.At);
        }

        if (a.Recent.Count >= RecentSketches)
        {
            a.Recent.RemoveAt(0);
        }

        a.Recent.Add(current);
        var prompts = input.Threshold(Name, "sweep_prompts");
        if (a.SweepHits.Count + 1 < prompts || !Evidence.CooledDown(a.Cooldowns, Name + ":sweep", current.At, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        into.Add(Evidence.New(Name, input, DetectionSeverity.Low, new Dictionary<string, string>
        {
            ["pattern"] = "sweep of near-identical prompts",
            ["seen"] = $"{Evidence.Text(a.SweepHits.Count + 1)} near-identical prompts since {Evidence.Text(a.SweepHits[0])}",
            ["sweep_prompts"] = Evidence.Text(prompts),
            ["sweep_similarity"] = Evidence.Text(similarity),
            ["window_minutes"] = Evidence.Text(window.TotalMinutes),
            ["measure"] = "MinHash similarity of normalised prompts, computed in memory; no prompt text kept",
        }));
        a.SweepHits.Clear();
    }
}
