using Tiergate.BrowserTests.Infrastructure;
using Tiergate.Corpus.Reporting;
using Tiergate.Testing.Corpus;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

/// <summary>report.html of a filter run as a person sees it in Chromium: the charts are drawn, with no scripts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FilterReportTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task ReportHtml_ChartsDrawnAsSvgWithoutScripts_Screenshot()
    {
        var folder = Directory.CreateTempSubdirectory("tg-report-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.html");
            await File.WriteAllTextAsync(path, HtmlReport.Render(SampleReports.WithClassifier()));
            await Page.GotoAsync(new Uri(path).AbsoluteUri);

            Assert.Equal(0, await Page.EvaluateAsync<int>("document.scripts.length"));
            foreach (var chart in new[] { "svg.funnel", "svg.files", "svg.scores" })
            {
                var box = await Page.Locator(chart).BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.Width > 300 && box.Height > 50, $"{chart} is {box.Width}x{box.Height}");
            }

            // Bars really have width on screen: the funnel's first bar (documents in) is the widest.
            var first = await Page.Locator("svg.funnel rect").First.BoundingBoxAsync();
            var kept = await Page.Locator("svg.funnel rect").Last.BoundingBoxAsync();
            Assert.True(first!.Width > kept!.Width && kept.Width > 0.9 * first.Width);
            Assert.Equal(1, await Page.Locator("svg.scores line.threshold").CountAsync());
            var png = await Page.Locator("svg.scores").ScreenshotAsync();
            Assert.True(png.Length > 1000);
            await ScreenshotAsync(Page, "Filter report charts");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
