using Tiergate.Corpus.Pipeline;

namespace Tiergate.Corpus.Reporting;

/// <summary>Writes <c>report.json</c> and <c>report.html</c> atomically.</summary>
public static class ReportWriter
{
    public static void Write(OutputLayout layout, FilterReport report)
    {
        AtomicFile.WriteAllBytes(layout.ReportJson, ReportJson.Serialize(report), layout.Partial);
        AtomicFile.WriteAllBytes(layout.ReportHtml, System.Text.Encoding.UTF8.GetBytes(HtmlReport.Render(report)), layout.Partial);
    }
}
