using System.Net;
using Tiergate.Testing.Identity;

namespace Tiergate.Console.IntegrationTests;

/// <summary>Affiliation by a confirmed address at a listed domain: recorded on confirmation, never an identity, offered again on /identity.</summary>
public sealed class AffiliationFlowTests
{
    [Fact]
    public async Task ConfirmEmail_AtListedDomain_AffiliationRecordedButLevelStaysEmail()
    {
        // ConsoleSite.NewEmail() addresses are at example.org.
        await using var site = await IdentityVendorSite.StartAsync(["example.org"]);

        var (browser, userId, _) = await site.ApplicantAsync();

        var record = Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(userId));
        Assert.Equal(("affiliation", "institutional_email", "verified", true), (record.Kind, record.Method, record.Outcome, record.Valid));
        Assert.Equal("email", await site.IdentityOfAsync(userId));
        browser.Dispose();
    }

    [Fact]
    public async Task AffiliationThenVendorVerified_LevelAffiliated()
    {
        await using var site = await IdentityVendorSite.StartAsync(["example.org"]);
        var (browser, userId, _) = await site.ApplicantAsync();
        var (_, session) = await site.StartAsync(browser, "stripe");

        await site.Vendor.SendStripeAsync(site.BaseUrl, VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", session, userId));

        Assert.Equal("affiliated", await site.IdentityOfAsync(userId));
        browser.Dispose();
    }

    [Fact]
    public async Task IdentityPage_ExistingUserConfirmsAgain_NoSecondRecord()
    {
        await using var site = await IdentityVendorSite.StartAsync(["example.org"]);
        var (browser, userId, _) = await site.ApplicantAsync();

        var page = await browser.SubmitAsync("/identity", new Dictionary<string, string>(), "main form[action*='Affiliation']");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("affiliation with example.org is confirmed", page.Main, StringComparison.Ordinal);
        Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(userId));
        browser.Dispose();
    }

    [Fact]
    public async Task IdentityPage_AddressNotAtAListedDomain_NoOfferAndPostRefused()
    {
        await using var site = await IdentityVendorSite.StartAsync(["ox.ac.uk"]);
        var (browser, userId, _) = await site.ApplicantAsync();

        var page = await browser.GetAsync("/identity");
        var token = page.Document.QuerySelector("main form input[name=__af]")?.GetAttribute("value") ?? "";
        var posted = await browser.PostAsync("/identity?handler=Affiliation", [new("__af", token)]);

        Assert.Empty(page.Document.QuerySelectorAll("main form[action*='Affiliation']"));
        Assert.Equal(HttpStatusCode.Conflict, posted.Status);
        Assert.Empty(await site.Site.Host.Admin.Verifications.ListAsync(userId));
        browser.Dispose();
    }
}
