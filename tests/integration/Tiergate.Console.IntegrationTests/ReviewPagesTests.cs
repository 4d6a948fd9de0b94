using System.Net;
using OtpNet;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Mfa;
using static Tiergate.Console.IntegrationTests.VettingPeople;

namespace Tiergate.Console.IntegrationTests;

public sealed class ReviewPagesTests
{
    [Fact]
    public async Task Decide_TwoReviewersApproveWithStepUp_GrantCreatedAndApplicantMailed()
    {
        await using var site = await ConsoleSite.StartAsync();
        var application = await PendingApplicationAsync(site);
        var (_, first) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        var (_, second) = await SignedInWithMfaAsync(site, UserRole.Admin);
        using var _1 = first;
        using var _2 = second;

        var queue = await first.GetAsync("/review");
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        var row = queue.Document.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains(application.User, StringComparison.Ordinal));
        Assert.Contains("affiliated", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 of 2", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/review/{application.Id}", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Review", row.QuerySelector("a")?.TextContent.Trim());

        var approved = await first.SubmitAsync($"/review/{application.Id}", Decision("approve", "Clear safety use case; lab affiliation checked."));
        Assert.Equal($"/review/{application.Id}?done=approve", approved.Location);
        var afterFirst = await first.GetAsync(approved.Location!);
        Assert.Equal("1 of 2", afterFirst.Document.QuerySelector("#application-approvals")?.TextContent.Trim());
        var aup = site.Host.Policy.PoliciesById[site.Host.Policy.TiersByName["safety-research"].Policy];
        Assert.Equal(aup.Permitted[0], Assert.Single(afterFirst.Document.QuerySelectorAll("#permitted-uses li")).TextContent);
        Assert.DoesNotContain(await site.Host.Admin.Grants.ListAsync(application.User, 10, "test"), g => g.Tier == "safety-research");

        var secondApproval = await second.SubmitAsync($"/review/{application.Id}", Decision("approve", "Agree with the first reviewer."));
        Assert.Equal(HttpStatusCode.Redirect, secondApproval.Status);

        var stored = await StoredAsync(site, application);
        Assert.Equal("approved", stored.Status);
        var grant = Assert.Single(await site.Host.Admin.Grants.ListAsync(application.User, 10, "test"), g => g.Tier == "safety-research");
        Assert.Equal($"application:{application.Id}", grant.GrantedBy);
        Assert.Null(grant.RevokedAt);
        var mail = await site.Smtp.WaitForAsync(application.User, "approved");
        Assert.Contains("Agree with the first reviewer.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(application.User, (await first.GetAsync("/review")).Main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_DenyAndAsk_ReasonsMailedToApplicant()
    {
        await using var site = await ConsoleSite.StartAsync();
        var denied = await PendingApplicationAsync(site);
        var asked = await PendingApplicationAsync(site, tier: "medical-research");
        var (_, reviewer) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        using var _ = reviewer;

        var deny = await reviewer.SubmitAsync($"/review/{denied.Id}", Decision("deny", "The stated use is not a <b>safety</b> use."));
        var ask = await reviewer.SubmitAsync($"/review/{asked.Id}", Decision("ask", "Name the ethics approval for the study."));

        Assert.Equal($"/review/{denied.Id}?done=deny", deny.Location);
        Assert.Equal($"/review/{asked.Id}?done=ask", ask.Location);
        Assert.Equal("denied", (await StoredAsync(site, denied)).Status);
        Assert.Equal("needs-info", (await StoredAsync(site, asked)).Status);
        var denial = await site.Smtp.WaitForAsync(denied.User, "denied");
        Assert.Contains("The stated use is not a <b>safety</b> use.", denial.TextBody, StringComparison.Ordinal);
        var question = await site.Smtp.WaitForAsync(asked.User, "needs more information");
        Assert.Contains("Name the ethics approval for the study.", question.TextBody, StringComparison.Ordinal);
        var page = await reviewer.GetAsync($"/review/{denied.Id}");
        Assert.Null(page.Document.QuerySelector("main textarea[name=reason]"));
        Assert.Contains("The stated use is not a <b>safety</b> use.", page.Document.QuerySelector("#decisions")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#decisions b"));
    }

    [Fact]
    public async Task Decide_OwnApplication_RefusedAndNothingRecorded()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (email, reviewer) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        using var _ = reviewer;
        var own = await PendingApplicationAsync(site, email);

        var page = await reviewer.SubmitAsync($"/review/{own.Id}", Decision("approve", "Looks fine to me."));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("own_application", page.Main, StringComparison.Ordinal);
        var stored = await StoredAsync(site, own);
        Assert.Equal(("pending", 0), (stored.Status, stored.Approvals));
        Assert.Empty(stored.Decisions);
    }

    [Fact]
    public async Task Decide_SameReviewerTwiceAndReplayedPost_CountsOnceAlreadyReviewed()
    {
        await using var site = await ConsoleSite.StartAsync();
        var application = await PendingApplicationAsync(site);
        var (_, reviewer) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        using var _ = reviewer;
        var form = await reviewer.GetAsync($"/review/{application.Id}");

        var once = await reviewer.SubmitAsync(form, $"/review/{application.Id}", Decision("approve", "Fine."));
        var replayed = await reviewer.SubmitAsync(form, $"/review/{application.Id}", Decision("approve", "Fine."));
        var again = await reviewer.SubmitAsync($"/review/{application.Id}", Decision("deny", "Changed my mind."));

        Assert.Equal(HttpStatusCode.Redirect, once.Status);
        Assert.Equal(HttpStatusCode.Conflict, replayed.Status);
        Assert.Contains("already_reviewed", replayed.Main, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        var stored = await StoredAsync(site, application);
        Assert.Equal(("pending", 1), (stored.Status, stored.Approvals));
        Assert.Single(stored.Decisions);
    }

    [Fact]
    public async Task Decide_WithoutRecentSecondFactor_RedirectsToStepUpThenDecides()
    {
        await using var site = await ConsoleSite.StartAsync();
        var application = await PendingApplicationAsync(site);
        // Signed in with the password before any factor existed: this session never proved one.
        var (email, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        using var _ = reviewer;
        var (_, _, enrolment) = await site.Host.Admin.Mfa.EnrolTotpForAsync(email, "test");

        var asked = await reviewer.SubmitAsync($"/review/{application.Id}", Decision("approve", "Fine."));

        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Equal($"/step-up?returnUrl=%2Freview%2F{application.Id}", asked.Location);
        Assert.Empty((await StoredAsync(site, application)).Decisions);
        var code = TotpAlgorithm.Compute(Base32Encoding.ToBytes(enrolment.Secret), DateTimeOffset.UtcNow);
        var proved = await reviewer.SubmitAsync(asked.Location!, new Dictionary<string, string> { ["code"] = code });
        Assert.Equal($"/review/{application.Id}", proved.Location);
        var decided = await reviewer.SubmitAsync(proved.Location!, Decision("approve", "Fine."));
        Assert.Equal(HttpStatusCode.Redirect, decided.Status);
        Assert.Equal(1, (await StoredAsync(site, application)).Approvals);
    }

    [Fact]
    public async Task ReviewPages_ApplicantOrAnonymous_RefusedAndNoData()
    {
        await using var site = await ConsoleSite.StartAsync();
        var application = await PendingApplicationAsync(site);
        var (_, applicant) = await SignedInAsync(site, UserRole.Applicant);
        using var _1 = applicant;
        using var anonymous = site.Browser();

        foreach (var path in new[] { "/review", $"/review/{application.Id}" })
        {
            var signedOut = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
            Assert.StartsWith("/login", new Uri(new Uri(site.Host.BaseUrl), signedOut.Location).AbsolutePath, StringComparison.Ordinal);
            var denied = await applicant.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.OK, denied.Status);
            Assert.DoesNotContain(application.User, denied.Main, StringComparison.Ordinal);
        }

        // A decision posted with the applicant's own valid antiforgery token (from their account page) is refused too.
        var account = await applicant.GetAsync("/account");
        var token = account.Document.QuerySelector("main form input[name=__af]")?.GetAttribute("value") ?? throw new InvalidOperationException(account.Main);
        var posted = await applicant.PostAsync($"/review/{application.Id}", new Dictionary<string, string> { ["__af"] = token, ["verdict"] = "approve", ["reason"] = "Me." });
        Assert.NotEqual(HttpStatusCode.OK, posted.Status);
        Assert.NotEqual(HttpStatusCode.InternalServerError, posted.Status);
        Assert.Empty((await StoredAsync(site, application)).Decisions);
    }

    [Fact]
    public async Task Decide_HostileInput_ClearErrorsNoChangeNever500()
    {
        await using var site = await ConsoleSite.StartAsync();
        const string hostile = "<script>alert(1)</script><b id=x>bold</b> use";
        var application = await PendingApplicationAsync(site, useCase: hostile);
        var (_, reviewer) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        using var _ = reviewer;

        var page = await reviewer.GetAsync($"/review/{application.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.Null(page.Document.QuerySelector("b#x"));
        Assert.Equal(hostile, page.Document.QuerySelector("#use-case")?.TextContent);

        var empty = await reviewer.SubmitAsync(page, $"/review/{application.Id}", Decision("approve", "   "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.NotNull(empty.Document.QuerySelector("#reason-error"));

        var overLong = await reviewer.SubmitAsync(page, $"/review/{application.Id}", Decision("deny", new string('r', ReviewRules.MaxReasonLength + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, overLong.Status);
        Assert.NotNull(overLong.Document.QuerySelector("#reason-error"));

        var badVerdict = await reviewer.SubmitAsync(page, $"/review/{application.Id}", Decision("grant-everything", "Fine."));
        Assert.Equal(HttpStatusCode.BadRequest, badVerdict.Status);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/review/99999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.SubmitAsync(page, "/review/99999999", Decision("approve", "Fine."))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/review/not-a-number")).Status);

        var stored = await StoredAsync(site, application);
        Assert.Equal(("pending", 0), (stored.Status, stored.Decisions.Count));
    }
}
