using System.Net;
using Tiergate.Core.Vetting;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Events;
using Tiergate.Storage.Monitoring;
using static Tiergate.Console.IntegrationTests.VettingPeople;

namespace Tiergate.Console.IntegrationTests;

/// <summary>Issue 15, points 4 and 6: per-tier traffic as server-rendered SVG; an aggregate tier hides hours with fewer than k users.</summary>
public sealed class MonitoringPageTests
{
    /// <summary>The sample policy with medical-research in aggregate privacy, k = 3.</summary>
    private static string Aggregate(string yaml) =>
        yaml.Replace("      privacy: metadata-only", "      privacy: aggregate\n      aggregate_min_users: 3", StringComparison.Ordinal);

    [Fact]
    public async Task Monitoring_AggregateTier_HidesSmallHoursShowsTheRestAsSvgWithText()
    {
        await using var site = await ConsoleSite.StartAsync(Aggregate);
        var hour = TrafficCounts.HourOf(DateTimeOffset.UtcNow).AddHours(-3);
        await site.Host.Service<TrafficStore>().AddAsync(
        [
            new TrafficCounts("medical-research", hour, 4242, 11, 0, 0, 90001, 2), // two users: hidden
            new TrafficCounts("medical-research", hour.AddHours(1), 777, 3, 1, 2, 5000, 5),
            new TrafficCounts("safety-research", hour, 31337, 0, 0, 0, 1, 1), // full privacy: shown whatever the users
        ]);
        var (_, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        using var _1 = reviewer;

        var page = await reviewer.GetAsync("/monitoring");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var medical = page.Document.QuerySelector("section[data-tier='medical-research']")!;
        var safety = page.Document.QuerySelector("section[data-tier='safety-research']")!;
        Assert.DoesNotContain("4,242", page.Main, StringComparison.Ordinal);
        Assert.DoesNotContain("4242", page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("90,001", page.Main, StringComparison.Ordinal);
        Assert.Contains("777 requests", medical.QuerySelector(".traffic-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("fewer than 3 users", medical.TextContent, StringComparison.Ordinal);
        Assert.Contains("31,337 requests", safety.QuerySelector(".traffic-summary")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("fewer than", safety.TextContent, StringComparison.Ordinal);

        var svg = medical.QuerySelector("svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("777 requests", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(svg.QuerySelectorAll("rect.chart-hidden"));
        Assert.NotEmpty(svg.QuerySelectorAll("polyline.chart-requests"));
        Assert.NotEmpty(svg.QuerySelectorAll("text.chart-label"));
        Assert.Empty(safety.QuerySelectorAll("rect.chart-hidden"));
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]), [style]")); // CSP: no inline script or style
        Assert.Contains("777", medical.QuerySelector("table.traffic-days")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_TrafficRecorder_IsAUsageEventSubscriber()
    {
        await using var site = await ConsoleSite.StartAsync();

        Assert.Contains(site.Host.Service<IEnumerable<IUsageEventSubscriber>>(), s => s is TrafficRecorder);
    }
}
