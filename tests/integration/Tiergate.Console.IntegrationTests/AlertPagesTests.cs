using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using static Tiergate.Console.IntegrationTests.VettingPeople;

namespace Tiergate.Console.IntegrationTests;

/// <summary>Issue 15, points 4 and 6: reviewers list and handle alerts in the console; only the privacy permission unmasks.</summary>
public sealed class AlertPagesTests
{
    private static async Task<(long UserId, string Email)> SubjectAsync(ConsoleSite site)
    {
        var email = ConsoleSite.NewEmail();
        var user = await site.Host.Admin.Users.AddAsync(email, "Subject", null, IdentityLevel.Email, "test");
        return (user.Id, email);
    }

    private static Task<AlertView> RaiseAsync(ConsoleSite site, long userId, bool masked = false, string detector = "new_country") =>
        site.Host.Service<AlertStore>().RaiseAsync(new NewAlert(detector, userId, "abcdefghijkl", "safety-research", AlertSeverity.High,
            new Dictionary<string, string> { ["country"] = "FR", ["usual"] = "<b>DE</b>" }) { Masked = masked });

    private static async Task<long> IdOfAsync(ConsoleSite site, string email) => (await site.Host.Admin.Users.SearchAsync(email, 1, "test")).Single().Id;

    private static async Task<List<(string Actor, string Outcome)>> AuditAsync(ConsoleSite site, string action, long alertId)
    {
        await using var db = site.Host.Store.Database.CreateContext();
        var subject = $"alert:{alertId}";
        return (await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == action && r.Subject == subject).OrderBy(r => r.Sequence)
            .Select(r => new { r.Actor, r.Outcome }).ToListAsync()).Select(r => (r.Actor, r.Outcome)).ToList();
    }

    [Fact]
    public async Task AlertList_Reviewer_ShowsUserOrMaskedRelatedLinkAndFiltersByStatus()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (userId, email) = await SubjectAsync(site);
        var first = await RaiseAsync(site, userId);
        var second = await RaiseAsync(site, userId);
        var masked = await RaiseAsync(site, userId, masked: true, detector: "rate_spike");
        var (_, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        using var _1 = reviewer;

        var page = await reviewer.GetAsync("/alerts");
        var resolvedOnly = await reviewer.GetAsync("/alerts?status=resolved");
        var bad = await reviewer.GetAsync("/alerts?status=%3Cscript%3E");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        string Cell(long id, string selector) => page.Document.QuerySelector($"#alerts tr[data-alert='{id}'] {selector}")?.TextContent.Trim() ?? "";
        Assert.Equal(email, Cell(first.Id, ".alert-user"));
        Assert.Equal("masked", Cell(masked.Id, ".alert-user"));
        Assert.DoesNotContain(email, page.Document.QuerySelector($"#alerts tr[data-alert='{masked.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/alerts/{first.Id}", page.Document.QuerySelector($"#alerts tr[data-alert='{second.Id}'] td:last-child a")?.GetAttribute("href"));
        Assert.Contains("rate_spike", Cell(masked.Id, "code"), StringComparison.Ordinal);
        Assert.Null(resolvedOnly.Document.QuerySelector("#alerts"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("#status-error"));
        Assert.NotNull(page.Document.QuerySelector("header a[href='/alerts']"));
        Assert.NotNull(page.Document.QuerySelector("header a[href='/monitoring']"));
    }

    [Fact]
    public async Task AlertDetail_AcknowledgeThenResolveWithMarkupReason_AuditedEscapedAndClosed()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (userId, email) = await SubjectAsync(site);
        var first = await RaiseAsync(site, userId);
        var alert = await RaiseAsync(site, userId);
        var (reviewerEmail, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        using var _1 = reviewer;
        var actor = $"user:{await IdOfAsync(site, reviewerEmail)}";
        const string reason = "Conference in Paris <script>alert(1)</script> confirmed.";

        var page = await reviewer.GetAsync($"/alerts/{alert.Id}");
        var empty = await reviewer.SubmitAsync($"/alerts/{alert.Id}", new Dictionary<string, string> { ["to"] = "resolved", ["reason"] = "  " });
        var acknowledged = await reviewer.SubmitAsync($"/alerts/{alert.Id}", new Dictionary<string, string> { ["to"] = "acknowledged", ["reason"] = "Looking." });
        var resolved = await reviewer.SubmitAsync($"/alerts/{alert.Id}", new Dictionary<string, string> { ["to"] = "false-positive", ["reason"] = reason });
        var after = await reviewer.GetAsync($"/alerts/{alert.Id}");

        Assert.Equal(email, page.Document.QuerySelector("#alert-user")?.TextContent.Trim());
        Assert.Equal("<b>DE</b>", page.Document.QuerySelectorAll("#evidence tbody tr").Single(r => r.TextContent.Contains("usual", StringComparison.Ordinal)).QuerySelector("td")?.TextContent);
        Assert.Equal($"/alerts/{first.Id}", page.Document.QuerySelector("#alert-related a")?.GetAttribute("href"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/responses?alert={alert.Id}']"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.NotNull(empty.Document.QuerySelector("#reason-error"));
        Assert.Equal(($"/alerts/{alert.Id}?done=status", $"/alerts/{alert.Id}?done=status"), (acknowledged.Location, resolved.Location));
        Assert.Equal("false-positive", after.Document.QuerySelector("#alert-status")?.TextContent.Trim());
        Assert.Equal(reason, after.Document.QuerySelector("#alert-status-reason")?.TextContent);
        Assert.Empty(after.Document.QuerySelectorAll("main script"));
        Assert.Null(after.Document.QuerySelector("main form[method=post]")); // closed: nothing left to change
        Assert.Equal([(actor, "denied"), (actor, "ok"), (actor, "ok")], await AuditAsync(site, "alert.status", alert.Id));
    }

    [Fact]
    public async Task Unmask_ReviewerWithoutPermission_NoFormPostRefused403AuditedStillMasked()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (userId, email) = await SubjectAsync(site);
        var alert = await RaiseAsync(site, userId, masked: true);
        var (reviewerEmail, reviewer) = await SignedInWithMfaAsync(site, UserRole.Admin);
        using var _1 = reviewer;

        var page = await reviewer.GetAsync($"/alerts/{alert.Id}");
        var token = page.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var refused = await reviewer.PostAsync($"/alerts/{alert.Id}?handler=Unmask", new Dictionary<string, string> { ["__af"] = token, ["unmask_reason"] = "Curious." });
        var unknown = await reviewer.PostAsync("/alerts/999999?handler=Unmask", new Dictionary<string, string> { ["__af"] = token, ["unmask_reason"] = "Curious." });
        var after = await reviewer.GetAsync($"/alerts/{alert.Id}");

        Assert.Null(page.Document.QuerySelector("form[action*=Unmask]"));
        Assert.NotNull(page.Document.QuerySelector("#unmask-note"));
        Assert.DoesNotContain(email, page.Main, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijkl", page.Main, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (refused.Status, unknown.Status)); // no permission: not even whether it exists
        Assert.DoesNotContain(email, after.Main, StringComparison.Ordinal);
        var actor = $"user:{await IdOfAsync(site, reviewerEmail)}";
        Assert.Equal([(actor, "denied")], await AuditAsync(site, "alert.unmask", alert.Id));
    }

    [Fact]
    public async Task Unmask_ReviewerWithPermission_NamesUserWithWhoWhenWhy()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (userId, email) = await SubjectAsync(site);
        var alert = await RaiseAsync(site, userId, masked: true);
        var (reviewerEmail, reviewer) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        using var _1 = reviewer;
        await site.Host.Admin.Users.SetPrivacyPermissionAsync(reviewerEmail, true, "test");

        var empty = await reviewer.SubmitAsync($"/alerts/{alert.Id}", new Dictionary<string, string> { ["unmask_reason"] = "" }, "form[action*=Unmask]");
        var unmasked = await reviewer.SubmitAsync($"/alerts/{alert.Id}", new Dictionary<string, string> { ["unmask_reason"] = "Rate 20× baseline: contact the lab." }, "form[action*=Unmask]");
        var after = await reviewer.GetAsync($"/alerts/{alert.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.NotNull(empty.Document.QuerySelector("#unmask-error"));
        Assert.Equal($"/alerts/{alert.Id}?done=unmask", unmasked.Location);
        Assert.Equal(email, after.Document.QuerySelector("#alert-user")?.TextContent.Trim());
        Assert.Equal("abcdefghijkl", after.Document.QuerySelector("#alert-key")?.TextContent.Trim());
        var actor = $"user:{await IdOfAsync(site, reviewerEmail)}";
        Assert.Contains(actor, after.Document.QuerySelector("#alert-unmasked")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Rate 20× baseline: contact the lab.", after.Document.QuerySelector("#alert-unmask-reason")?.TextContent);
        Assert.Null(after.Document.QuerySelector("form[action*=Unmask]"));
        Assert.Equal([(actor, "denied"), (actor, "ok")], await AuditAsync(site, "alert.unmask", alert.Id));
    }

    [Fact]
    public async Task AlertDetail_UnknownId_NotFound()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (_, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        using var _1 = reviewer;

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/alerts/424242")).Status);
    }
}
