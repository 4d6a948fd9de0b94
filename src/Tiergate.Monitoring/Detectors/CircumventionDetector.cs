using Tiergate.Core.Monitoring;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors.State;
using Tiergate.Monitoring.Events;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Attempts to get around the safeguards: a streak of blocked prompts, or several rephrasings of a
/// blocked prompt soon after it (MinHash similarity of normalised prompts, in memory; never the text).
/// </summary>
public sealed class CircumventionDetector : IDetector
{
    private const int MaxBlocked = 16;

    public string Name => DetectorCatalogue.Circumvention;

    // Hits of one prompt in several categories are several events with one time (the gateway stamps a screening once): one prompt.

    public void Observe(DetectorInput input, List<Detection> into)
    {
        var e = input.Event;
        RememberTerms(input);

        // Flags are not counted: a tier flags a category because using it is the tier's purpose (red-teaming, pathogen research).
        var isBlock = e.Kind == UsageEventKinds.SafeguardBlock && e.Direction == "input";
        if (isBlock)
        {
            Streak(input, into);
        }

        if (e.Sketch is { } sketch && (isBlock || e.Kind == UsageEventKinds.Admitted))
        {
            Variations(input, new TimedSketch(sketch, e.At), isBlock, into);
        }
    }

    private void Streak(DetectorInput input, List<Detection> into)
    {
        var a = input.Activity;
        var at = input.Event.At;
        if (a.Screened.Count > 0 && at == a.Screened[^1])
        {
            return;
        }

        var window = TimeSpan.FromMinutes(input.Threshold(Name, "window_minutes"));
        var streak = input.Threshold(Name, "streak");
        RecentTimes.Trim<DateTimeOffset>(a.Screened, at, window, streak);
        a.Screened.Add(at);
        if (a.Screened.Count < streak || !Evidence.CooledDown(a.Cooldowns, Name, at, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        var evidence = new Dictionary<string, string>
        {
            ["pattern"] = "streak of blocked prompts",
            ["seen"] = $"{Evidence.Text(a.Screened.Count)} blocked prompts since {Evidence.Text(a.Screened[0])}",
            ["last_category"] = input.Event.Category ?? "unknown",
            ["streak"] = Evidence.Text(streak),
            ["window_minutes"] = Evidence.Text(window.TotalMinutes),
        };
        AddTerms(input, evidence);
        into.Add(Evidence.New(Name, input, DetectionSeverity.Medium, evidence));
        a.Screened.Clear();
    }

    private void Variations(DetectorInput input, TimedSketch current, bool isBlock, List<Detection> into)
    {
        var a = input.Activity;
        var window = TimeSpan.FromMinutes(input.Threshold(Name, "variation_minutes"));
        var similarity = input.Threshold(Name, "variation_similarity");
        var needed = input.Threshold(Name, "variations");
        a.Blocked.RemoveAll(b => current.At - b.At > window);
        if (isBlock && a.Blocked.Count > 0 && current.At == a.Blocked[^1].At)
        {
            return;
        }

        TimedSketch? hit = null;
        foreach (var blocked in a.Blocked)
        {
            if (blocked.Sketch.Similarity(current.Sketch) >= similarity && ++blocked.Variations >= needed && hit is null)
            {
                hit = blocked;
            }
        }

        if (isBlock)
        {
            if (a.Blocked.Count >= MaxBlocked)
            {
                a.Blocked.RemoveAt(0);
            }

            a.Blocked.Add(current);
        }

        if (hit is null || !Evidence.CooledDown(a.Cooldowns, Name + ":variations", current.At, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        var evidence = new Dictionary<string, string>
        {
            ["pattern"] = "variations of a blocked prompt",
            ["seen"] = $"{Evidence.Text(hit.Variations)} prompts similar to one blocked at {Evidence.Text(hit.At)}",
            ["variations"] = Evidence.Text(needed),
            ["variation_similarity"] = Evidence.Text(similarity),
            ["variation_minutes"] = Evidence.Text(window.TotalMinutes),
            ["measure"] = "MinHash similarity of normalised prompts, computed in memory; no prompt text kept",
        };
        into.Add(Evidence.New(Name, input, DetectionSeverity.Medium, evidence));
        hit.Variations = 0;
    }

    private const int MaxTerms = 8;

    /// <summary>Only where the tier's privacy is <c>full</c> (events carry terms only then): the latest prompts' matched terms, blocks' and flags', for review.</summary>
    private static void AddTerms(DetectorInput input, Dictionary<string, string> evidence)
    {
        if (input.Tier.Monitoring.Privacy == PrivacyMode.Full && input.Activity.RecentTerms.Count > 0)
        {
            evidence["matched_terms"] = string.Join(", ", input.Activity.RecentTerms);
        }
    }

    private static void RememberTerms(DetectorInput input)
    {
        if (input.Tier.Monitoring.Privacy != PrivacyMode.Full || input.Event.Direction != "input" || input.Event.MatchedTerms is not { Count: > 0 } terms)
        {
            return;
        }

        var recent = input.Activity.RecentTerms;
        foreach (var term in terms)
        {
            recent.Remove(term);
            if (recent.Count >= MaxTerms)
            {
                recent.RemoveAt(0);
            }

            recent.Add(term);
        }
    }
}
