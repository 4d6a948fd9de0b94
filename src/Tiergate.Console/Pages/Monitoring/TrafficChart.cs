using System.Globalization;
using System.Text;

namespace Tiergate.Console.Pages.Monitoring;

/// <summary>
/// The geometry of one tier's server-rendered SVG line chart (no script, no inline style: the page's CSP allows neither):
/// requests and refusals (denied, blocked, flagged) per hour, broken where an hour is hidden, with the hidden hours
/// shaded and a day mark on the time axis.
/// </summary>
public sealed class TrafficChart
{
    public const int Width = 720, Height = 200, Left = 56, Right = 8, Top = 10, Bottom = 30;

    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    public TrafficChart(TierTraffic traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        var hours = traffic.Hours;
        Max = Math.Max(1, hours.Where(h => !h.Hidden).Select(h => h.Requests).DefaultIfEmpty(0).Max());
        var slot = (double)PlotWidth / Math.Max(1, hours.Count);
        RequestLines = Segments(hours, h => h.Requests, slot);
        RefusalLines = Segments(hours, h => h.Denied + h.Blocked + h.Flagged, slot);
        HiddenBands = [.. Runs(hours, slot)];
        DayMarks = [.. hours.Select((h, i) => (h, i)).Where(x => x.h.Hour.Hour == 0 && x.i <= hours.Count - 12) // a label in the last half day would be cut at the edge
            .Select(x => (X: Number(Left + (x.i * slot)), Label: x.h.Hour.ToString("MMM d", CultureInfo.InvariantCulture)))];
    }

    public long Max { get; }

    /// <summary><c>points</c> attributes of the requests line, one per run of shown hours.</summary>
    public IReadOnlyList<string> RequestLines { get; }

    public IReadOnlyList<string> RefusalLines { get; }

    /// <summary>Shaded bands (x, width) over runs of hidden hours.</summary>
    public IReadOnlyList<(string X, string Width)> HiddenBands { get; }

    public IReadOnlyList<(string X, string Label)> DayMarks { get; }

    public static string PlotBottom => Number(Top + PlotHeight);

    public static string PlotTop => Number(Top);

    public static string PlotRight => Number(Width - Right);

    public static string PlotHeightText => Number(PlotHeight);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private List<string> Segments(IReadOnlyList<TrafficHour> hours, Func<TrafficHour, long> value, double slot)
    {
        var lines = new List<string>();
        var points = new StringBuilder();
        for (var i = 0; i <= hours.Count; i++)
        {
            if (i == hours.Count || hours[i].Hidden)
            {
                if (points.Length > 0)
                {
                    lines.Add(points.ToString().TrimEnd());
                    points.Clear();
                }

                continue;
            }

            var x = Left + ((i + 0.5) * slot);
            var y = Top + PlotHeight - ((double)value(hours[i]) / Max * PlotHeight);
            points.Append(Number(x)).Append(',').Append(Number(y)).Append(' ');
        }

        return lines;
    }

    private static IEnumerable<(string, string)> Runs(IReadOnlyList<TrafficHour> hours, double slot)
    {
        for (var i = 0; i < hours.Count; i++)
        {
            if (!hours[i].Hidden)
            {
                continue;
            }

            var start = i;
            while (i + 1 < hours.Count && hours[i + 1].Hidden)
            {
                i++;
            }

            yield return (Number(Left + (start * slot)), Number((i - start + 1) * slot));
        }
    }
}
