using System.ClientModel;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using OpenAI;
using OpenAI.Chat;
using OtpNet;
using Tiergate.BrowserTests.Infrastructure;
using Tiergate.Console.IntegrationTests;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Storage.Accounts.Users;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

/// <summary>
/// Issue 14's first journey, in Chromium against the real server: a researcher registers, confirms the mail the
/// local SMTP server received, enrols TOTP; an admin records their identity check; they apply for
/// <c>safety-research</c>; two reviewers approve, each through step-up; they create a key with an expiry and an IP
/// allowlist and call <c>reduced-refusal</c> with the official OpenAI client; an admin revokes the grant and the
/// next call is refused. The server's clock is a FakeTimeProvider, moved on so that step-up is really asked for
/// (a sign-in's second factor is older than 15 minutes) and each TOTP code falls in a fresh 30-second step.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VettingJourneyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = ConsoleTestSite.Password;
    private const string Tier = "safety-research";

    [BrowserFact]
    public async Task Journey_RegisterVerifyApplyTwoApprovalsKeyCallThenRevoke_CallsReducedRefusalThenIsRefused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var console = await ConsoleTestSite.StartAsync(time);
        var (site, smtp) = (console.Site, console.Smtp);
        var applicant = $"ada-{Guid.NewGuid():N}@example.org";

        await CaptureOnFailureAsync(async () =>
        {
            // The researcher: register, confirm the mailed link, sign in, enrol TOTP.
            await Page.GotoAsync(site.Url("/"));
            await ScreenshotAsync(Page, "home");
            await Page.GotoAsync(site.Url("/register"));
            await Page.GetByLabel("Email address").FillAsync(applicant);
            await Page.GetByLabel("Password").FillAsync(Password);
            await ScreenshotAsync(Page, "register");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
            var link = LocalSmtp.LinkIn(await smtp.WaitForAsync(applicant, "Confirm your email"), "/verify");
            await Page.GotoAsync(site.Url(link));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
            await SignInAsync(Page, site, applicant, secret: null, time);
            await Page.GotoAsync(site.Url("/account"));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
            var applicantSecret = Base32Encoding.ToBytes((await Page.Locator("#totp-secret").TextContentAsync())!.Trim());
            await Page.GetByLabel("Code from the app").FillAsync(TotpAlgorithm.Compute(applicantSecret, time.GetUtcNow()));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("recovery codes", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
            await ScreenshotAsync(Page, "account");

            // An admin records the identity check (level verified) from the admin pages.
            var admin = await StaffAsync(site, UserRole.Admin);
            var (_, adminPage) = await NewPersonAsync();
            await SignInAsync(adminPage, site, admin.Email, admin.Secret, time);
            await adminPage.GotoAsync(site.Url("/admin/users"));
            await adminPage.GetByLabel("Email").FillAsync(applicant);
            await adminPage.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await adminPage.GetByRole(AriaRole.Link, new() { Name = applicant }).ClickAsync();
            await adminPage.GetByLabel("Identity level").SelectOptionAsync("verified");
            await adminPage.GetByLabel("Method").SelectOptionAsync("reviewer_document");
            await adminPage.GetByLabel("Evidence").FillAsync("Passport and university card checked by video call");
            await adminPage.GetByRole(AriaRole.Button, new() { Name = "Record identity check" }).ClickAsync();
            await Assertions.Expect(adminPage.Locator("main")).ToContainTextAsync("verified");
            await ScreenshotAsync(adminPage, "admin-user");

            // The researcher applies for safety-research under its acceptable use policy.
            await Page.GotoAsync(site.Url("/applications/new"));
            await Page.GetByLabel("Tier").SelectOptionAsync(Tier);
            await Page.GetByRole(AriaRole.Group, new() { Name = "Permitted uses that apply" }).GetByRole(AriaRole.Checkbox).First.CheckAsync();
            await Page.GetByLabel("Intended use").FillAsync("Measuring refusal robustness of the reduced-refusal variant for our red-team report <b>2027</b>.");
            await Page.GetByLabel("Affiliation").FillAsync("Example University, AI Safety Lab");
            await Page.GetByLabel("Supporting links").FillAsync("https://example.org/lab\nhttps://example.org/plan");
            await Page.GetByLabel("I accept the acceptable use policy").CheckAsync();
            await ScreenshotAsync(Page, "application-new");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Submit application" }).ClickAsync();
            await smtp.WaitForAsync(applicant, "received");
            await Page.GotoAsync(site.Url("/applications"));
            await Assertions.Expect(Page.Locator("main")).ToContainTextAsync(Tier);
            await ScreenshotAsync(Page, "applications");

            // Two reviewers approve; their sign-in factor is 16 minutes old, so each decision asks for step-up.
            var reviewers = new[] { await StaffAsync(site, UserRole.Reviewer), await StaffAsync(site, UserRole.Reviewer) };
            var pages = new List<IPage>();
            foreach (var reviewer in reviewers)
            {
                var (_, page) = await NewPersonAsync();
                await SignInAsync(page, site, reviewer.Email, reviewer.Secret, time);
                pages.Add(page);
            }

            time.Advance(TimeSpan.FromMinutes(16));
            for (var i = 0; i < reviewers.Length; i++)
            {
                var page = pages[i];
                await page.GotoAsync(site.Url("/review"));
                if (i == 0)
                {
                    await ScreenshotAsync(page, "review-queue");
                }

                await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true }).First.ClickAsync();
                var decision = page.Url;
                await page.GetByLabel("Reason").FillAsync($"Reviewer {i + 1}: plan and affiliation check out.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/step-up"));
                await ProveSecondFactorAsync(page, reviewers[i].Secret, time);
                await Assertions.Expect(page).ToHaveURLAsync(decision);
                if (i == 0)
                {
                    await ScreenshotAsync(page, "review-decision");
                }

                await page.GetByLabel("Reason").FillAsync($"Reviewer {i + 1}: plan and affiliation check out.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
                await Assertions.Expect(page.Locator("main")).ToContainTextAsync(i == 0 ? "1 of 2" : "approved");
            }

            await smtp.WaitForAsync(applicant, "approved");

            // The researcher creates a key for the tier (expiry, allowlist; step-up: the tier requires MFA).
            await Page.GotoAsync(site.Url("/keys"));
            await FillKeyFormAsync(Page);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            if (Page.Url.Contains("/step-up", StringComparison.Ordinal))
            {
                await ProveSecondFactorAsync(Page, applicantSecret, time);
                await FillKeyFormAsync(Page);
                await Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            }

            var key = (await Page.Locator("#new-key").TextContentAsync())!.Trim();
            Assert.StartsWith("tg_", key, StringComparison.Ordinal);
            await ScreenshotAsync(Page, "keys");

            // The official OpenAI client reaches reduced-refusal with that key.
            var client = new ChatClient("reduced-refusal", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = site.Host.OpenAiEndpoint });
            ChatCompletion answer = await client.CompleteChatAsync([new UserChatMessage("Say hello")]);
            Assert.Equal("Hello from the fake upstream", answer.Content[0].Text);

            // An admin revokes the grant; the next call is refused.
            await adminPage.GotoAsync(site.Url("/admin/grants"));
            var row = adminPage.GetByRole(AriaRole.Row).Filter(new() { HasText = applicant }).Filter(new() { HasText = Tier });
            await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await ScreenshotAsync(adminPage, "admin-grants");
            var refused = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Say hello")]));
            // The key was scoped to the revoked tier: its variants are no longer the caller's to see (the gateway's
            // answer for a model outside the caller's tiers, which does not tell that it exists).
            Assert.Equal(404, refused.Status);
            Assert.Contains("model_not_found", refused.Message, StringComparison.Ordinal);

            // The header's sign-out button ends the session.
            await Page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await Page.GotoAsync(site.Url("/keys"));
            await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/login"));
        });
    }

    private static async Task FillKeyFormAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "Tiers" }).GetByLabel(Tier).CheckAsync();
        await page.GetByLabel("Expires in (days)").FillAsync("30");
        await page.GetByLabel("Allowed networks").FillAsync("127.0.0.1/32");
    }

    /// <summary>Password, then (when enrolled) a TOTP code in a fresh 30-second step.</summary>
    private static async Task SignInAsync(IPage page, TestSite site, string email, byte[]? secret, FakeTimeProvider time)
    {
        await page.GotoAsync(site.Url("/login"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        if (secret is not null)
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login/mfa"));
            time.Advance(TimeSpan.FromSeconds(31));
            await page.GetByLabel("Code").FillAsync(TotpAlgorithm.Compute(secret, time.GetUtcNow()));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.Locator("header form[action='/logout']")).ToBeVisibleAsync();
    }

    private static async Task ProveSecondFactorAsync(IPage page, byte[] secret, FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromSeconds(31));
        await page.GetByLabel("Code").FillAsync(TotpAlgorithm.Compute(secret, time.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
    }

    /// <summary>A staff member set up as an operator would: a confirmed console account, a role, TOTP enrolled on the CLI's path.</summary>
    private static async Task<(string Email, byte[] Secret)> StaffAsync(TestSite site, UserRole role)
    {
        var email = $"{VettingNames.Of(role)}-{Guid.NewGuid():N}@example.org";
        var accounts = site.Host.Service<ConsoleAccounts>();
        var registered = await accounts.RegisterAsync(email, Password);
        Assert.True(await accounts.VerifyEmailAsync(registered.VerificationToken!));
        await site.Host.Service<IUserAdministration>().SetRoleAsync(email, role, "cli:journey");
        var (_, _, enrolment) = await site.Host.Service<MfaService>().EnrolTotpForAsync(email, "cli:journey");
        return (email, Base32Encoding.ToBytes(enrolment.Secret));
    }
}
