using System.Globalization;
using System.Net;
using System.Text;

namespace Tiergate.Corpus.Reporting;

/// <summary>
/// The report's pictures as inline SVG (no scripts, no external resources): the funnel of documents
/// through the stages, removal rate per source file, and each classifier's score distribution with its
/// threshold marked. Each chart carries a &lt;title&gt; and text labels, so the numbers stay readable.
/// </summary>
public static class ReportCharts
{
    private const int Width = 720;
    private const int LabelWidth = 260;
    private const int RowHeight = 22;
    private const int MaxFiles = 40;

    /// <summary>Documents in, then per stage matched / escalated / classified / removed, then kept.</summary>
    public static string Funnel(FilterReport report)
    {
        var t = report.Totals;
        var rows = new List<(string Label, long Count, string Color)> { ("documents in", t.DocumentsIn, "#4a6fa5") };
        if (t.Invalid > 0)
        {
            rows.Add(("valid (not invalid)", t.DocumentsIn - t.Invalid, "#4a6fa5"));
        }

        foreach (var stage in report.Stages)
        {
            var s = t.Stages.GetValueOrDefault(stage.Name) ?? new StageStats();
            if (stage.HasBlocklist)
            {
                rows.Add(($"{stage.Name}: matched a term", s.Matched, "#7a9cc6"));
                rows.Add(($"{stage.Name}: escalated (≥{stage.MinTerms} terms)", s.Escalated, "#9bb5d6"));
            }

            if (stage.HasClassifier)
            {
                rows.Add(($"{stage.Name}: classified", s.Classified, "#b5a05a"));
            }

            rows.Add(($"{stage.Name}: removed", s.Removed, "#b5473a"));
        }

        rows.Add(("kept", t.Kept, "#3f8f4f"));
        var max = Math.Max(1, rows.Max(r => r.Count));
        var svg = Open("Funnel of documents through the stages", rows.Count * RowHeight + 8, "funnel");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, count, color) = rows[i];
            Bar(svg, i, label, count / (double)max, color, $"{count.ToString("N0", CultureInfo.InvariantCulture)} ({Pct(count, t.DocumentsIn)})");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Removal rate per source file, highest first (at most 40 files; the table lists all).</summary>
    public static string RemovalByFile(FilterReport report)
    {
        var files = report.Totals.Files.OrderByDescending(p => p.Value.RemovalRate).ThenBy(p => p.Key, StringComparer.Ordinal).Take(MaxFiles).ToList();
        if (files.Count == 0)
        {
            return string.Empty;
        }

        var max = Math.Max(1e-9, files.Max(f => f.Value.RemovalRate));
        var svg = Open("Removal rate per source file", files.Count * RowHeight + 8, "files");
        for (var i = 0; i < files.Count; i++)
        {
            var (file, f) = files[i];
            Bar(svg, i, file, f.RemovalRate / max, "#b5473a", $"{Pct(f.Removed, f.Documents)} of {f.Documents.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A histogram of one stage's classifier scores over [0, 1] with the threshold as a line; empty when nothing was classified.</summary>
    public static string ScoreDistribution(StageInfo stage, StageStats stats)
    {
        var histogram = stats.ScoreHistogram;
        if (histogram.Length == 0 || histogram.Sum() == 0)
        {
            return string.Empty;
        }

        const int height = 180;
        const int left = 50;
        const int plot = Width - left - 20;
        const int bottom = height - 30;
        var max = Math.Max(1, histogram.Max());
        var svg = Open($"Classifier scores of stage {stage.Name} ({stage.ClassifierLabel}), threshold {F(stage.Threshold)}", height, "scores");
        var barWidth = plot / (double)histogram.Length;
        for (var i = 0; i < histogram.Length; i++)
        {
            var h = (bottom - 10) * histogram[i] / (double)max;
            var removed = (i + 1) / (double)histogram.Length > stage.Threshold;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(left + i * barWidth + 1)}\" y=\"{F(bottom - h)}\" width=\"{F(barWidth - 2)}\" height=\"{F(h)}\" fill=\"{(removed ? "#b5473a" : "#7a9cc6")}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{F(i / (double)histogram.Length)}–{F((i + 1) / (double)histogram.Length)}: {histogram[i]:N0}</title></rect>");
        }

        var x = left + plot * Math.Clamp(stage.Threshold, 0, 1);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{left + plot}\" y2=\"{bottom}\" stroke=\"#444\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line class=\"threshold\" x1=\"{F(x)}\" y1=\"4\" x2=\"{F(x)}\" y2=\"{bottom}\" stroke=\"#222\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 4)}\" y=\"14\" font-size=\"12\">threshold {F(stage.Threshold)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{bottom + 16}\" font-size=\"12\" text-anchor=\"middle\">0</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plot / 2}\" y=\"{bottom + 16}\" font-size=\"12\" text-anchor=\"middle\">0.5</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plot}\" y=\"{bottom + 16}\" font-size=\"12\" text-anchor=\"middle\">1</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"14\" font-size=\"12\">{max:N0}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string title, int height, string kind) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart {kind}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"system-ui,sans-serif\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");

    private static void Bar(StringBuilder svg, int row, string label, double fraction, string color, string value)
    {
        var y = 4 + row * RowHeight;
        var barSpace = Width - LabelWidth - 150;
        var w = Math.Max(fraction > 0 ? 1 : 0, barSpace * Math.Clamp(fraction, 0, 1));
        var shown = label.Length > 40 ? "…" + label[^39..] : label;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" font-size=\"12\" text-anchor=\"end\">{WebUtility.HtmlEncode(shown)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 2}\" width=\"{F(w)}\" height=\"{RowHeight - 6}\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(label)}: {WebUtility.HtmlEncode(value)}</title></rect>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(LabelWidth + w + 6)}\" y=\"{y + 15}\" font-size=\"12\">{WebUtility.HtmlEncode(value)}</text>");
    }

    private static string Pct(long part, long whole) =>
        whole == 0 ? "–" : ((double)part / whole).ToString("0.00%", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
