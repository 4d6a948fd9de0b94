using System.Net;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.IntegrationTests;

public sealed class ApplicationPagesTests
{
    private const string UseCase = "Red-teaming refusal behaviour of the model for our lab's safety evaluations.";

    [Fact]
    public async Task SubmitApplication_SafetyResearch_PendingShownListedAndApplicantMailed()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        using var browser = await site.SignedInAsync(email);
        var form = await browser.GetAsync("/applications/new?tier=safety-research");
        Assert.Equal("safety-research", form.Document.QuerySelector("#tier option[selected]")?.GetAttribute("value"));
        Assert.Contains("safety-research version", form.Document.QuerySelector("#policy-version")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(form.Document.QuerySelectorAll("#tier option"), o => o.GetAttribute("value") == "general");
        Assert.NotEmpty(form.Document.QuerySelectorAll("fieldset input[name=uses]"));

        var submitted = await browser.SubmitAsync(form, "/applications/new", Fields("safety-research"));

        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        var location = submitted.Location!;
        Assert.Matches("^/applications/[0-9]+\\?done=submitted$", location);
        var id = location["/applications/".Length..location.IndexOf('?', StringComparison.Ordinal)];
        var detail = await browser.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal("pending", detail.Document.QuerySelector("#application-status")?.TextContent);
        Assert.Contains("0 of 2", detail.Main, StringComparison.Ordinal);
        Assert.Equal(UseCase, detail.Document.QuerySelector("#use-case")?.TextContent);
        var mail = await site.Smtp.WaitForAsync(email, $"application {id} received");
        Assert.Contains("safety-research", mail.TextBody, StringComparison.Ordinal);
        var list = await browser.GetAsync("/applications");
        Assert.Contains("safety-research", list.Document.QuerySelector("table.applications tbody")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.Document.QuerySelector($"a[href='/applications/{id}']"));
        var stored = Assert.Single(await site.Host.Admin.Applications.ListAsync(null, email, "test"));
        Assert.Equal("Lab of Tests", stored.Affiliation);
    }

    [Fact]
    public async Task Resubmit_AfterReviewerAsks_ReasonShownEscapedNewRoundAndReplayChangesNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        using var browser = await site.SignedInAsync(email);
        var id = await SubmitAsync(browser, "safety-research");
        var reviewer = ConsoleSite.NewEmail();
        await site.Host.Admin.Users.AddAsync(reviewer, null, null, IdentityLevel.Email, UserRole.Reviewer, "test");
        // The server's own applications service, which mails through the site's SMTP server.
        await site.Host.Service<IApplicationAdministration>().ReviewAsync(id, reviewer, ReviewVerdict.Ask, "<b>Which lab?</b>", "test");
        Assert.Contains("<b>Which lab?</b>", (await site.Smtp.WaitForAsync(email, $"application {id} needs more information")).TextBody, StringComparison.Ordinal);

        var detail = await browser.GetAsync($"/applications/{id}");
        Assert.Equal("needs-info", detail.Document.QuerySelector("#application-status")?.TextContent);
        Assert.Contains("<b>Which lab?</b>", detail.Document.QuerySelector("#reasons")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(detail.Document.QuerySelectorAll("#reasons b"));
        Assert.Contains("Which lab?", (await browser.GetAsync("/applications")).Main, StringComparison.Ordinal);
        var token = Applicants.Antiforgery(detail);

        var resubmitted = await browser.SubmitAsync(detail, $"/applications/{id}", new Dictionary<string, string> { ["useCase"] = UseCase + " At the Lab of Tests." });
        var replay = await browser.PostAsync($"/applications/{id}", new Dictionary<string, string> { [token.Key] = token.Value, ["useCase"] = "replayed" });

        Assert.Equal($"/applications/{id}?done=resubmitted", resubmitted.Location);
        Assert.Equal(HttpStatusCode.Conflict, replay.Status);
        Assert.Contains("Nothing was changed", replay.Main, StringComparison.Ordinal);
        var stored = Assert.Single(await site.Host.Admin.Applications.ListAsync(null, email, "test"));
        Assert.Equal("pending", stored.Status);
        Assert.Equal(2, stored.Round);
        Assert.EndsWith("At the Lab of Tests.", stored.UseCase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicationId_OfAnotherUser_Answers404AndChangesNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        var owner = await Applicants.VerifiedAsync(site);
        var other = await Applicants.VerifiedAsync(site);
        using var ownerBrowser = await site.SignedInAsync(owner);
        using var otherBrowser = await site.SignedInAsync(other);
        var id = await SubmitAsync(ownerBrowser, "safety-research");
        var reviewer = ConsoleSite.NewEmail();
        await site.Host.Admin.Users.AddAsync(reviewer, null, null, IdentityLevel.Email, UserRole.Reviewer, "test");
        await site.Host.Admin.Applications.ReviewAsync(id, reviewer, ReviewVerdict.Ask, "Which lab?", "test");
        var token = Applicants.Antiforgery(await otherBrowser.GetAsync("/applications/new"));

        var read = await otherBrowser.GetAsync($"/applications/{id}");
        var write = await otherBrowser.PostAsync($"/applications/{id}", new Dictionary<string, string> { [token.Key] = token.Value, ["useCase"] = "taken over" });
        var unknown = await otherBrowser.GetAsync("/applications/999999");
        var notANumber = await otherBrowser.GetAsync("/applications/abc");

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Equal(HttpStatusCode.NotFound, write.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, notANumber.Status);
        Assert.DoesNotContain(UseCase, read.Main, StringComparison.Ordinal);
        Assert.Null((await otherBrowser.GetAsync("/applications")).Document.QuerySelector($"a[href='/applications/{id}']"));
        var stored = Assert.Single(await site.Host.Admin.Applications.ListAsync(null, owner, "test"));
        Assert.Equal("needs-info", stored.Status);
        Assert.Equal(UseCase, stored.UseCase);
    }

    [Fact]
    public async Task SubmitApplication_MarkupInText_StoredAsWrittenAndRenderedEscaped()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        using var browser = await site.SignedInAsync(email);
        const string markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var fields = Fields("safety-research");
        fields["useCase"] = markup;
        fields["affiliation"] = "<i>Lab</i>";

        var submitted = await browser.SubmitAsync("/applications/new?tier=safety-research", fields);

        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        var detail = await browser.GetAsync(submitted.Location!);
        Assert.Equal(markup, detail.Document.QuerySelector("#use-case")?.TextContent);
        Assert.Empty(detail.Document.QuerySelectorAll("script, main img, main i"));
    }

    [Theory]
    [InlineData("useCase", "long", "useCase")]
    [InlineData("useCase", "", "useCase")]
    [InlineData("useCase", "bidi \u202E override", "useCase")]
    [InlineData("affiliation", "long", "affiliation")]
    [InlineData("links", "javascript:alert(1)", "links")]
    [InlineData("links", "https://a.example/\nhttps://b.example/\nhttps://c.example/\nhttps://d.example/\nhttps://e.example/\nhttps://f.example/", "links")]
    [InlineData("accept", "", "accept")]
    [InlineData("uses", "99", "uses")]
    [InlineData("uses", "<b>0</b>", "uses")]
    [InlineData("tier", "no-such-tier", "tier")]
    [InlineData("tier", "general", "tier")]
    public async Task SubmitApplication_HostileField_ClearMessageNothingStoredNo500(string field, string value, string errorField)
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        using var browser = await site.SignedInAsync(email);
        var fields = Fields("safety-research");
        fields[field] = value == "long" ? new string('a', field == "useCase" ? VettingText.MaxUseCaseLength + 1 : VettingText.MaxAffiliationLength + 1) : value;

        var page = await browser.SubmitAsync("/applications/new?tier=safety-research", fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector($"#{errorField}-error"));
        Assert.NotNull(page.Document.QuerySelector("[role=alert]"));
        Assert.Empty(page.Document.QuerySelectorAll("main b"));
        Assert.Empty(await site.Host.Admin.Applications.ListAsync(null, email, "test"));
    }

    [Fact]
    public async Task SubmitApplication_DuplicateOrReplayed_RefusedWithMessageAndOneStored()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        using var browser = await site.SignedInAsync(email);
        var form = await browser.GetAsync("/applications/new?tier=safety-research");
        var fields = Fields("safety-research");
        fields["usesTier"] = "safety-research";
        fields[Applicants.Antiforgery(form).Key] = Applicants.Antiforgery(form).Value;

        var first = await browser.PostAsync("/applications/new", fields);
        var replay = await browser.PostAsync("/applications/new", fields);
        var again = await browser.SubmitAsync("/applications/new?tier=safety-research", Fields("safety-research"));

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, replay.Status);
        Assert.Contains("already has an open application", replay.Main, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Single(await site.Host.Admin.Applications.ListAsync(null, email, "test"));
    }

    [Fact]
    public async Task SubmitApplication_IdentityBelowTier_RefusedWithReasonNothingStored()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);

        var page = await browser.SubmitAsync("/applications/new?tier=safety-research", Fields("safety-research"));

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("requires identity level 'verified'", page.Document.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await site.Host.Admin.Applications.ListAsync(null, email, "test"));
    }

    [Fact]
    public async Task SubmitApplication_TierChangedInList_ShowsThatTiersUsesAndSubmitsNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        using var browser = await site.SignedInAsync(email);

        var page = await browser.SubmitAsync("/applications/new?tier=safety-research", Fields("medical-research"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("medical-research", page.Document.QuerySelector("#tier option[selected]")?.GetAttribute("value"));
        Assert.Equal("medical-research", page.Document.QuerySelector("input[name=usesTier]")?.GetAttribute("value"));
        Assert.Contains("Nothing was submitted", page.Main, StringComparison.Ordinal);
        Assert.Empty(await site.Host.Admin.Applications.ListAsync(null, email, "test"));
    }

    [Fact]
    public async Task ApplicationPages_SignedOut_RedirectToLogin()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        foreach (var path in new[] { "/applications", "/applications/new", "/applications/1" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith("/login", new Uri(new Uri(site.Host.BaseUrl), page.Location).AbsolutePath, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Fields(string tier) => new()
    {
        ["tier"] = tier,
        ["uses"] = "0",
        ["useCase"] = UseCase,
        ["affiliation"] = "Lab of Tests",
        ["links"] = "https://lab.example/team\nhttps://lab.example/papers",
        ["accept"] = "yes",
    };

    private static async Task<long> SubmitAsync(ConsoleBrowser browser, string tier)
    {
        var submitted = await browser.SubmitAsync($"/applications/new?tier={tier}", Fields(tier));
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        var location = submitted.Location!;
        return long.Parse(location["/applications/".Length..location.IndexOf('?', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
