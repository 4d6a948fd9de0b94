using Microsoft.Playwright;
using Tiergate.BrowserTests.Infrastructure;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Monitoring;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

/// <summary>
/// The reviewer's monitoring pages in Chromium: /monitoring draws a week of hourly traffic per tier as SVG (with an
/// aggregate-privacy tier's small hours shaded), and /alerts/{id} shows a masked alert. Screenshots for docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringPagesTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task Monitoring_WeekOfTraffic_ChartsRenderAndMaskedAlertShowsNoUser()
    {
        await using var console = await ConsoleTestSite.StartAsync(editPolicy: yaml =>
            yaml.Replace("      privacy: metadata-only", "      privacy: aggregate\n      aggregate_min_users: 5", StringComparison.Ordinal));
        var site = console.Site;
        await site.Host.Service<TrafficStore>().AddAsync(Week(TrafficCounts.HourOf(DateTimeOffset.UtcNow)));
        var subject = await site.Host.Service<IUserAdministration>().AddAsync(ConsoleTestSite.NewEmail(), "Subject", null, Core.Policy.IdentityLevel.Email, "test");
        var alert = await site.Host.Service<AlertStore>().RaiseAsync(new NewAlert("rate_spike", subject.Id, "abcdefghijkl", "medical-research", AlertSeverity.High,
            new Dictionary<string, string> { ["requests_last_hour"] = "412", ["baseline_per_hour"] = "18.5", ["threshold_sigma"] = "4", ["window"] = "2026-12-06T09:00Z/10:00Z" }) { Masked = true });
        var reviewer = ConsoleTestSite.NewEmail();

        await CaptureOnFailureAsync(async () =>
        {
            await console.RegisterVerifiedAndSignInAsync(Page, reviewer);
            await site.Host.Service<IUserAdministration>().SetRoleAsync(reviewer, UserRole.Reviewer, "test");

            await Page.GotoAsync(console.Url("/monitoring"));
            await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Traffic per tier" })).ToBeVisibleAsync();
            Assert.Equal(3, await Page.Locator("svg.chart").CountAsync());
            Assert.True(await Page.Locator("section[data-tier='medical-research'] rect.chart-hidden").CountAsync() > 0);
            await Assertions.Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Requests per hour in tier safety-research" })).ToBeVisibleAsync();
            await ScreenshotAsync(Page, "monitoring");

            await Page.GotoAsync(console.Url($"/alerts/{alert.Id}"));
            await Assertions.Expect(Page.Locator("#alert-user")).ToContainTextAsync("masked");
            await ScreenshotAsync(Page, "alert");
        });
    }

    /// <summary>A plausible week: office hours busier, weekends quiet; the aggregate tier has a few users at night.</summary>
    private static List<TrafficCounts> Week(DateTimeOffset now)
    {
        var buckets = new List<TrafficCounts>();
        var random = new Random(15);
        for (var h = 0; h < 7 * 24; h++)
        {
            var at = now.AddHours(-h);
            var office = at.Hour is >= 8 and <= 18 && at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            foreach (var (tier, scale) in new[] { ("general", 400), ("safety-research", 60), ("medical-research", 25) })
            {
                var requests = (long)(scale * (office ? 1.0 : 0.15) * (0.7 + (random.NextDouble() * 0.6)));
                var users = (int)Math.Max(1, requests / (tier == "medical-research" ? 3 : 8));
                buckets.Add(new TrafficCounts(tier, at, requests, requests / 30, requests / 80, requests / 40, requests * 900, users));
            }
        }

        return buckets;
    }
}
