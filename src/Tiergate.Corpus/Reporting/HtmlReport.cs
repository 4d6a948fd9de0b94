using System.Globalization;
using System.Net;
using System.Text;

namespace Tiergate.Corpus.Reporting;

/// <summary>A self-contained HTML page (inline CSS, no scripts, no external resources) for reviewing a filter run.</summary>
public static class HtmlReport
{
    private const int TopTerms = 50;

    public static string Render(FilterReport report)
    {
        var t = report.Totals;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tiergate filter report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:80em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}")
            .Append("pre{white-space:pre-wrap;max-width:60em;margin:0;font-size:.85em}.warn{color:#a40}code{font-size:.9em}svg.chart{display:block;max-width:100%;height:auto}")
            .Append("</style></head><body><h1>Tiergate filter report</h1>");
        if (report.MissingRanks.Count > 0)
        {
            html.Append("<p class=\"warn\">Incomplete: no report yet from ranks ").Append(E(string.Join(", ", report.MissingRanks))).Append(".</p>");
        }

        html.Append("<h2>Summary</h2><table>");
        Row(html, "Documents in", t.DocumentsIn);
        Row(html, "Bytes in (uncompressed)", t.BytesIn);
        Row(html, "Kept", t.Kept);
        Row(html, "Removed", t.Removed);
        Row(html, "Invalid (see below)", t.Invalid);
        html.Append("<tr><th>Removal rate</th><td class=\"n\">").Append(Pct(t.Removed, t.DocumentsIn)).Append("</td></tr>");
        html.Append("<tr><th>Shards</th><td class=\"n\">").Append(report.Ranks.Sum(r => r.Shards)).Append(" of ").Append(report.ShardsPlanned).Append("</td></tr></table>");
        html.Append("<h2>Funnel</h2>").Append(ReportCharts.Funnel(report));
        foreach (var stage in report.Stages.Where(s => s.HasClassifier))
        {
            var chart = ReportCharts.ScoreDistribution(stage, t.Stages.GetValueOrDefault(stage.Name) ?? new StageStats());
            if (chart.Length > 0)
            {
                html.Append("<h2>Classifier scores: ").Append(E(stage.Name)).Append("</h2><p>Documents the stage classified, by score; those right of the threshold are removed.</p>").Append(chart);
            }
        }

        html.Append("<h2>Stages and provenance</h2><table><tr><th>stage</th><th>rule</th><th>matched</th><th>escalated</th><th>classified</th><th>kept after classifier</th><th>removed</th><th>blocklist (SHA-256)</th><th>model (SHA-256)</th></tr>");
        foreach (var stage in report.Stages)
        {
            var s = t.Stages.GetValueOrDefault(stage.Name) ?? new StageStats();
            var rule = (stage.HasBlocklist ? $"≥{stage.MinTerms} distinct terms" : "all documents")
                + (stage.HasClassifier ? $" → {stage.ClassifierLabel} ≥ {stage.Threshold.ToString(CultureInfo.InvariantCulture)}" : " → remove");
            html.Append("<tr><td>").Append(E(stage.Name)).Append("</td><td>").Append(E(rule)).Append("</td>");
            Cells(html, s.Matched, s.Escalated, s.Classified, s.EscalatedKept, s.Removed);
            html.Append("<td>").Append(E(stage.BlocklistPath)).Append("<br><code>").Append(E(stage.BlocklistSha256)).Append("</code></td><td>")
                .Append(E(stage.ModelPath)).Append("<br><code>").Append(E(stage.ModelSha256)).Append("</code></td></tr>");
        }

        html.Append("</table><h2>By category</h2><table><tr><th>stage</th><th>category</th><th>documents matched</th><th>removed</th></tr>");
        foreach (var stage in report.Stages)
        {
            var s = t.Stages.GetValueOrDefault(stage.Name) ?? new StageStats();
            foreach (var category in s.MatchedByCategory.Keys.Union(s.RemovedByCategory.Keys).Order(StringComparer.Ordinal))
            {
                html.Append("<tr><td>").Append(E(stage.Name)).Append("</td><td>").Append(E(category)).Append("</td>");
                Cells(html, s.MatchedByCategory.GetValueOrDefault(category), s.RemovedByCategory.GetValueOrDefault(category));
                html.Append("</tr>");
            }
        }

        html.Append("</table><h2>Top matched terms</h2><table><tr><th>stage</th><th>term</th><th>documents</th></tr>");
        foreach (var stage in report.Stages)
        {
            var s = t.Stages.GetValueOrDefault(stage.Name) ?? new StageStats();
            foreach (var (term, count) in s.TermDocuments.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopTerms))
            {
                html.Append("<tr><td>").Append(E(stage.Name)).Append("</td><td>").Append(E(term)).Append("</td>");
                Cells(html, count);
                html.Append("</tr>");
            }
        }

        html.Append("</table><h2>Removal rate per source file</h2>").Append(ReportCharts.RemovalByFile(report)).Append("<table><tr><th>file</th><th>documents</th><th>removed</th><th>invalid</th><th>rate</th></tr>");
        foreach (var (file, f) in t.Files.OrderByDescending(p => p.Value.RemovalRate).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(E(file)).Append("</td>");
            Cells(html, f.Documents, f.Removed, f.Invalid);
            html.Append("<td class=\"n\">").Append(Pct(f.Removed, f.Documents)).Append("</td></tr>");
        }

        html.Append("</table><h2>Bad input</h2><table><tr><th>reason</th><th>lines</th></tr>");
        foreach (var (reason, count) in t.InvalidByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(E(reason)).Append("</td>");
            Cells(html, count);
            html.Append("</tr>");
        }

        html.Append("</table><table><tr><th>file</th><th>line</th><th>offset</th><th>reason</th><th>detail</th></tr>");
        foreach (var b in t.BadInputs)
        {
            html.Append("<tr><td>").Append(E(b.File)).Append("</td>");
            Cells(html, b.Line, b.Offset);
            html.Append("<td>").Append(E(b.Reason)).Append("</td><td>").Append(E(b.Detail)).Append("</td></tr>");
        }

        html.Append("</table><h2>Sample of removed documents for review</h2><p>Chosen by a hash of file and offset, so the sample is the same however the run was split.</p><table><tr><th>file @ offset</th><th>stage / category</th><th>terms</th><th>score</th><th>text (start)</th></tr>");
        foreach (var s in t.Samples)
        {
            html.Append("<tr><td>").Append(E(s.File)).Append(" @ ").Append(s.Offset).Append(s.Id is null ? string.Empty : "<br>id " + E(s.Id)).Append("</td><td>")
                .Append(E(s.Stage)).Append(" / ").Append(E(s.Category)).Append("</td><td>").Append(E(string.Join(", ", s.Terms))).Append("</td><td class=\"n\">")
                .Append(s.Score?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–").Append("</td><td><pre>").Append(E(s.Snippet)).Append("</pre></td></tr>");
        }

        html.Append("</table></body></html>\n");
        return html.ToString();
    }

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string Pct(long part, long whole) =>
        whole == 0 ? "–" : ((double)part / whole).ToString("0.00%", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder html, string name, long value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td class=\"n\">").Append(value.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr>");

    private static void Cells(StringBuilder html, params long[] values)
    {
        foreach (var v in values)
        {
            html.Append("<td class=\"n\">").Append(v.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
        }
    }
}
