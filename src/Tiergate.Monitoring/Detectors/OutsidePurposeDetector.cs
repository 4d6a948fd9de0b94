using Tiergate.Core.Monitoring;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Screening hits, in prompts or answers, in categories the tier does not exist for (chemistry on <c>medical-research</c>): the tier's
/// <c>monitoring.purpose</c>, else the input categories its profile does not block. A tier that blocks every
/// category has no stated purpose, and the detector leaves it to <c>circumvention</c>.
/// </summary>
public sealed class OutsidePurposeDetector : IDetector
{
    public string Name => DetectorCatalogue.OutsidePurpose;

    public void Observe(DetectorInput input, List<Detection> into)
    {
        var e = input.Event;
        if (e.Kind is not (UsageEventKinds.SafeguardBlock or UsageEventKinds.SafeguardFlag) || e.Category is not { } category)
        {
            return;
        }

        var purpose = Purpose(input.Tier);
        if (purpose.Count == 0 || purpose.Contains(category))
        {
            return;
        }

        var a = input.Activity;
        var window = TimeSpan.FromHours(input.Threshold(Name, "window_hours"));
        var minHits = input.Threshold(Name, "min_hits");
        RecentTimes.Trim(a.OutsidePurpose, e.At, window, minHits, a.OutsideCategories);
        a.OutsidePurpose.Add(e.At);
        a.OutsideCategories.Add(category);
        if (a.OutsidePurpose.Count < minHits || !Evidence.CooledDown(a.Cooldowns, Name, e.At, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        into.Add(Evidence.New(Name, input, DetectionSeverity.Medium, new Dictionary<string, string>
        {
            ["seen"] = $"{Evidence.Text(a.OutsidePurpose.Count)} screening hits outside the tier's purpose since {Evidence.Text(a.OutsidePurpose[0])}",
            ["categories"] = string.Join(",", a.OutsideCategories.Distinct().Order(StringComparer.Ordinal)),
            ["purpose"] = string.Join(",", purpose.Order(StringComparer.Ordinal)),
            ["min_hits"] = Evidence.Text(minHits),
            ["window_hours"] = Evidence.Text(window.TotalHours),
        }));
        a.OutsidePurpose.Clear();
        a.OutsideCategories.Clear();
    }

    private static IReadOnlyCollection<string> Purpose(TierConfig tier) =>
        tier.Monitoring.Purpose is { } stated
            ? stated
            : SafeguardProfile.DefaultCategories.Concat(tier.Safeguards.Input.Keys).Distinct()
                .Where(c => tier.Safeguards.RuleFor(c, output: false).Action != SafeguardAction.Block).ToList();
}
