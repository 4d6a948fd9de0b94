using System.Net;
using Tiergate.Core.Identity;
using Tiergate.Testing.Identity;

namespace Tiergate.Console.IntegrationTests;

/// <summary>
/// The vendors end to end over real HTTP: the console starts a session at the fake Stripe or Persona (bearer key,
/// documented request shape), redirects to the hosted flow, and the vendor's signed webhook to the running console
/// records the result; the identity level follows. Every hostile delivery is refused with its code and changes nothing.
/// </summary>
public sealed class IdentityVendorFlowTests
{
    [Fact]
    public async Task Stripe_StartThenVerifiedWebhook_UserBecomesVerified()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();

        var (started, session) = await site.StartAsync(browser, "stripe");
        site.Vendor.StripeDocuments[session] = ("passport", "GB", "P" + userId + "X");
        var answer = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl,
            VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", session, userId)));

        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.StartsWith("https://verify.stripe.com/start/", started.Location, StringComparison.Ordinal);
        Assert.Equal(userId, site.Vendor.Created[session].UserId);
        Assert.Equal("http://console.test/identity/return?vendor=stripe", site.Vendor.Created[session].Detail);
        Assert.All(site.Vendor.Requests, r => Assert.Equal("Bearer " + FakeIdentityVendor.StripeSecretKey, r.Authorization));
        Assert.Equal((HttpStatusCode.OK, null, "verified"), answer);
        Assert.Equal("verified", await site.IdentityOfAsync(userId));
        Assert.Contains(site.Graph.Attached, a => a.UserId == userId && a.Kind == IdentifierKind.Document && a.Value == $"GB:P{userId}X");
        using var identity = browser;
        Assert.Contains("stripe_identity", (await identity.GetAsync("/identity")).Main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persona_StartThenApprovedWebhook_UserBecomesVerified()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();

        var (started, inquiry) = await site.StartAsync(browser, "persona");
        var answer = await IdentityVendorSite.ReadAsync(await site.Vendor.SendPersonaAsync(site.BaseUrl,
            VendorFixtures.PersonaEvent(VendorFixtures.NewPersonaEventId(), "inquiry.approved", inquiry, userId.ToString(System.Globalization.CultureInfo.InvariantCulture), "D" + userId, "DE", "id")));

        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.StartsWith($"{site.Vendor.BaseUrl}verify?inquiry-id={inquiry}&redirect-uri=", started.Location, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, null, "verified"), answer);
        Assert.Equal("verified", await site.IdentityOfAsync(userId));
        browser.Dispose();
    }

    [Fact]
    public async Task Stripe_RequiresInput_FailedAndLevelUnchanged()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();
        var (_, session) = await site.StartAsync(browser, "stripe");

        var answer = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl,
            VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.requires_input", session, userId, "document_expired")));

        Assert.Equal((HttpStatusCode.OK, null, "failed"), answer);
        Assert.Equal("email", await site.IdentityOfAsync(userId));
        var record = Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(userId));
        Assert.Equal(("failed", "stripe_identity"), (record.Outcome, record.Method));
        Assert.Contains("document_expired", record.Evidence, StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task Stripe_DocumentOnAnotherAccount_RefusedAndLevelUnchanged()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (first, firstId, _) = await site.ApplicantAsync();
        var (second, secondId, _) = await site.ApplicantAsync();
        var (_, firstSession) = await site.StartAsync(first, "stripe");
        var (_, secondSession) = await site.StartAsync(second, "stripe");
        site.Vendor.StripeDocuments[firstSession] = ("passport", "FR", "SAME123");
        site.Vendor.StripeDocuments[secondSession] = ("passport", "FR", "SAME123");
        await site.Vendor.SendStripeAsync(site.BaseUrl, VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", firstSession, firstId));

        var answer = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl,
            VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", secondSession, secondId)));

        Assert.Equal((HttpStatusCode.OK, null, "refused"), answer);
        Assert.Equal(("verified", "email"), (await site.IdentityOfAsync(firstId), await site.IdentityOfAsync(secondId)));
        Assert.Contains("document_in_use", Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(secondId)).Evidence, StringComparison.Ordinal);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Webhook_HostileDeliveries_EachRefusedWithItsCodeAndNothingChanges()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();
        var (_, session) = await site.StartAsync(browser, "stripe");
        var body = VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", session, userId);
        var endpoint = new Uri(site.BaseUrl, "/identity/webhooks/stripe");

        var wrongSecret = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl, body, secret: "whsec_attacker"));
        var unsigned = await IdentityVendorSite.ReadAsync(await site.Vendor.PostAsync(endpoint, body, "Stripe-Signature", null));
        var stale = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl, body, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var personaHeader = await IdentityVendorSite.ReadAsync(await site.Vendor.PostAsync(endpoint, body, "Persona-Signature", FakeIdentityVendor.Sign(body, null, FakeIdentityVendor.StripeWebhookSecret)));
        var unknown = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl,
            VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", "vs_notours", userId)));
        var malformed = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl, "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":"));
        var tooLarge = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl, "{\"pad\":\"" + new string('a', 300 * 1024) + "\"}"));

        Assert.Equal((HttpStatusCode.Unauthorized, "webhook_signature_invalid", null), wrongSecret);
        Assert.Equal((HttpStatusCode.Unauthorized, "webhook_signature_invalid", null), unsigned);
        Assert.Equal((HttpStatusCode.Unauthorized, "webhook_timestamp_stale", null), stale);
        Assert.Equal((HttpStatusCode.Unauthorized, "webhook_signature_invalid", null), personaHeader);
        Assert.Equal((HttpStatusCode.NotFound, "webhook_unknown_session", null), unknown);
        Assert.Equal((HttpStatusCode.BadRequest, "webhook_malformed", null), malformed);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "webhook_too_large", null), tooLarge);
        Assert.Equal("email", await site.IdentityOfAsync(userId));
        Assert.Equal("pending", Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(userId)).Outcome);
        browser.Dispose();
    }

    [Fact]
    public async Task Webhook_SameDeliveryReplayed_SecondIsADuplicateAndChangesNothing()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();
        var (_, session) = await site.StartAsync(browser, "persona");
        var body = VendorFixtures.PersonaEvent(VendorFixtures.NewPersonaEventId(), "inquiry.declined", session, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var signature = FakeIdentityVendor.Sign(body, null, FakeIdentityVendor.PersonaWebhookSecret);
        var endpoint = new Uri(site.BaseUrl, "/identity/webhooks/persona");

        var first = await IdentityVendorSite.ReadAsync(await site.Vendor.PostAsync(endpoint, body, "Persona-Signature", signature));
        var before = Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(userId));
        var replay = await IdentityVendorSite.ReadAsync(await site.Vendor.PostAsync(endpoint, body, "Persona-Signature", signature));

        Assert.Equal((HttpStatusCode.OK, null, "failed"), first);
        Assert.Equal((HttpStatusCode.OK, "webhook_duplicate", null), replay);
        Assert.Equal(before, Assert.Single(await site.Site.Host.Admin.Verifications.ListAsync(userId)));
        browser.Dispose();
    }

    [Fact]
    public async Task Webhook_VendorNotConfigured_404AndNotOffered()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        await using var vendor = await FakeIdentityVendor.StartAsync();

        var answer = await IdentityVendorSite.ReadAsync(await vendor.SendStripeAsync(new Uri(site.Host.BaseUrl), "{}"));
        var page = await browser.GetAsync("/identity");

        Assert.Equal((HttpStatusCode.NotFound, "vendor_not_configured", null), answer);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("main input[name=vendor]"));
    }

    [Fact]
    public async Task Start_VendorApiDown_502PageAndNothingRecorded()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();
        site.Vendor.FailWithStatus = 500;

        var (page, session) = await site.StartAsync(browser, "stripe");

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Equal("", session);
        Assert.Empty(await site.Site.Host.Admin.Verifications.ListAsync(userId));
        browser.Dispose();
    }

    [Fact]
    public async Task ReturnPage_AfterTheHostedFlow_SaysPending()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, _, _) = await site.ApplicantAsync();

        var page = await browser.GetAsync("/identity/return?vendor=persona");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("pending", page.Main, StringComparison.Ordinal);
        Assert.Contains("Persona confirms", page.Main, StringComparison.Ordinal);
        browser.Dispose();
    }
}
