using System.Globalization;
using System.Text;

namespace Tiergate.Bench.Monitoring.Scoring;

/// <summary>The whole score: per detector rows, totals, and the alerts that were neither caught scenarios nor false.</summary>
internal sealed record ScoreReport(
    List<DetectorScore> Detectors,
    DetectorScore Total,
    double BenignUserDays,
    int Alerts,
    int AlertsInOtherScenarios,
    int WarmupAlerts,
    int UnattributedAlerts,
    double SlackHours,
    Dictionary<string, int> FalseAlertsByTier,
    List<FalseAlertSample> FalseAlertSamples)
{
    public string ToMarkdown()
    {
        var b = new StringBuilder();
        b.AppendLine("| detector | planted | caught | recall | false alerts | per 1,000 benign user-days |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in Detectors.Append(Total))
        {
            var name = row == Total ? "**total**" : $"`{row.Detector}`";
            b.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {row.Planted} | {row.Caught} | {row.Recall * 100:0}% | {row.FalseAlerts} | {row.FalsePerThousandUserDays:0.00} |");
        }

        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"{Alerts} alerts; {BenignUserDays:N0} benign user-days after the warm-up; caught = an alert of that detector for that user from the scenario's first line to {SlackHours:0.#} h after its last.");
        b.AppendLine(CultureInfo.InvariantCulture, $"Not counted as false: {AlertsInOtherScenarios} alerts of another detector inside a scenario's window, {WarmupAlerts} in the warm-up days; {UnattributedAlerts} alerts named no user (counted as false).");
        if (FalseAlertsByTier.Count > 0)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"False alerts by tier: {string.Join(", ", FalseAlertsByTier.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}.");
        }

        var missed = Detectors.SelectMany(d => d.Missed).ToList();
        if (missed.Count > 0)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"Missed: {string.Join(", ", missed)}.");
        }

        return b.ToString();
    }
}
