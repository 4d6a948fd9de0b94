using Tiergate.Bench.Monitoring.Simulation;

namespace Tiergate.Bench.Monitoring.Scoring;

/// <summary>
/// Matches alerts against the planted scenarios. A scenario is caught when an alert of its detector names its user
/// between its first line and <c>slack</c> after its last. An alert is false when it falls outside every scenario window
/// (first line to last + slack) of its user and after the warm-up days; an alert of another detector inside a window is
/// counted apart (a stolen key may well look like impossible travel too). Benign user-days: users × days after the warm-up,
/// less the days any scenario window touches.
/// </summary>
internal static class Scorer
{
    public static ScoreReport Score(LabelsFile labels, IReadOnlyList<Alert> alerts, TimeSpan slack, int sampleLimit = 20)
    {
        var warmupEnd = labels.Start.AddDays(labels.WarmupDays);
        var byUser = labels.Scenarios.ToLookup(s => s.User);
        var caught = new HashSet<string>();
        var falseByDetector = new Dictionary<string, int>();
        var samples = new List<FalseAlertSample>();
        var byTier = new Dictionary<string, int>();
        int inOther = 0, warmup = 0, unattributed = 0;
        foreach (var alert in alerts)
        {
            // Event lines carry milliseconds and labels ticks: a window starts at its first line's millisecond.
            var windows = alert.User is { } u ? byUser[u].Where(s => alert.At >= ToMillisecond(s.Start) && alert.At <= s.End + slack).ToList() : [];
            if (windows.Count > 0)
            {
                var own = windows.Where(s => s.Detector == alert.Detector).ToList();
                if (own.Count > 0)
                {
                    own.ForEach(s => caught.Add(s.Id));
                }
                else
                {
                    inOther++;
                }

                continue;
            }

            if (alert.At < warmupEnd)
            {
                warmup++;
                continue;
            }

            if (alert.User is null)
            {
                unattributed++;
            }

            falseByDetector[alert.Detector] = falseByDetector.GetValueOrDefault(alert.Detector) + 1;
            var tier = alert.Tier ?? "(none)";
            byTier[tier] = byTier.GetValueOrDefault(tier) + 1;
            if (samples.Count < sampleLimit)
            {
                samples.Add(new FalseAlertSample(alert.Detector, alert.User, alert.Key, alert.At));
            }
        }

        var userDays = BenignUserDays(labels, slack);
        var names = Detectors.All.Concat(falseByDetector.Keys.Where(k => !Detectors.All.Contains(k)).Order()).ToList();
        var rows = names.Select(d =>
        {
            var planted = labels.Scenarios.Where(s => s.Detector == d).ToList();
            var hits = planted.Count(s => caught.Contains(s.Id));
            var fp = falseByDetector.GetValueOrDefault(d);
            return new DetectorScore(d, planted.Count, hits, planted.Count == 0 ? 0 : Math.Round((double)hits / planted.Count, 3), fp,
                Math.Round(fp * 1000 / userDays, 3), [.. planted.Where(s => !caught.Contains(s.Id)).Select(s => s.Id)]);
        }).ToList();
        var totalPlanted = rows.Sum(r => r.Planted);
        var totalCaught = rows.Sum(r => r.Caught);
        var totalFalse = rows.Sum(r => r.FalseAlerts);
        var total = new DetectorScore("total", totalPlanted, totalCaught, totalPlanted == 0 ? 0 : Math.Round((double)totalCaught / totalPlanted, 3), totalFalse,
            Math.Round(totalFalse * 1000 / userDays, 3), []);
        return new ScoreReport(rows, total, userDays, alerts.Count, inOther, warmup, unattributed, slack.TotalHours, byTier, samples);
    }

    public static double BenignUserDays(LabelsFile labels, TimeSpan slack)
    {
        var days = (double)labels.Users * Math.Max(0, labels.Days - labels.WarmupDays);
        foreach (var s in labels.Scenarios)
        {
            var first = (int)(s.Start - labels.Start).TotalDays;
            var last = (int)(s.End + slack - labels.Start).TotalDays;
            days -= Math.Min(labels.Days - 1, last) - first + 1;
        }

        return Math.Max(1, days);
    }

    private static DateTimeOffset ToMillisecond(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
}
