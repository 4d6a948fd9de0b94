using System.Net;
using OtpNet;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.IntegrationTests;

public sealed class MfaFlowTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task EnrolTotp_ThenLogin_AsksForCodeRefusesReusedCodeAndTakesRecoveryCodeOnce()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var owner = await site.SignedInAsync(email);
        var (secret, usedCode, recovery) = await EnrolAsync(owner);
        Assert.Equal(10, recovery.Count);

        using var browser = site.Browser();
        var password = await browser.SubmitAsync("/login", AccountFlowTests.Form(email, ConsoleSite.Password));
        Assert.Equal("/login/mfa", password.Location);
        Assert.False((await browser.GetAsync("/account")).Status == HttpStatusCode.OK);

        var reused = await browser.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = usedCode });
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Contains("already used", reused.Main, StringComparison.Ordinal);

        var viaRecovery = await browser.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = recovery[0] });
        Assert.Equal("/account", viaRecovery.Location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).Status);

        using var second = site.Browser();
        await second.SubmitAsync("/login", AccountFlowTests.Form(email, ConsoleSite.Password));
        var recoveryAgain = await second.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = recovery[0] });
        Assert.Contains("already used", recoveryAgain.Main, StringComparison.Ordinal);

        // The next time step's code is within the one-step window and later than the one used: accepted.
        var next = TotpAlgorithm.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(TotpAlgorithm.StepSeconds));
        Assert.Equal("/account", (await second.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = next })).Location);
    }

    [Fact]
    public async Task EnrolTotp_WrongConfirmationCode_IsRefusedAndNothingEnrolled()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var owner = await site.SignedInAsync(email);
        var begun = await owner.SubmitAsync("/account", NoFields, "form[action*=BeginTotp]");

        var wrong = await owner.SubmitAsync(begun, "/account", new Dictionary<string, string> { ["code"] = "000000x" }, "form[action*=ConfirmTotp]");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.NotNull(wrong.Document.QuerySelector("#code-error"));
        Assert.Null(wrong.Document.QuerySelector("#recovery-codes"));
        var again = await site.Browser().SubmitAsync("/login", AccountFlowTests.Form(email, ConsoleSite.Password));
        Assert.Equal("/account", again.Location);
    }

    [Fact]
    public async Task StepUp_NewRecoveryCodesWithoutRecentFactor_RedirectsToStepUpAndCodeUnlocksIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        // Signed in with the password before MFA existed: this session never proved a second factor.
        using var browser = await site.SignedInAsync(email);
        IReadOnlyList<string> recovery;
        using (var enrolling = await site.SignedInAsync(email))
        {
            (_, _, recovery) = await EnrolAsync(enrolling);
        }

        var asked = await browser.SubmitAsync("/account", NoFields, "form[action*=RecoveryCodes]");
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Equal("/step-up?returnUrl=%2Faccount%3Fhandler%3DRecoveryCodes", asked.Location);

        var stepUpPage = await browser.GetAsync(asked.Location!);
        Assert.Equal(HttpStatusCode.OK, stepUpPage.Status);
        var wrong = await browser.SubmitAsync(stepUpPage, "/step-up", new Dictionary<string, string> { ["code"] = "AAAAA-AAAAA" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        var proved = await browser.SubmitAsync(wrong, "/step-up", new Dictionary<string, string> { ["code"] = recovery[0] });
        Assert.Equal("/account?handler=RecoveryCodes", proved.Location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(proved.Location!)).Status);

        var remade = await browser.SubmitAsync("/account", NoFields, "form[action*=RecoveryCodes]");
        Assert.Equal(HttpStatusCode.OK, remade.Status);
        Assert.Equal(10, remade.Document.QuerySelectorAll("#recovery-codes li").Length);
        Assert.DoesNotContain(recovery[1], remade.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task StepUp_ReturnUrlElsewhere_GoesToAccountInstead()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        var (_, _, recovery) = await EnrolAsync(browser);
        var page = await browser.GetAsync("/step-up?returnUrl=https%3A%2F%2Fevil.example%2F");

        var proved = await browser.SubmitAsync(page, "/step-up", new Dictionary<string, string> { ["code"] = recovery[0] });

        Assert.Equal("/account", proved.Location);
    }

    [Fact]
    public async Task Account_SignOutEverywhere_EndsEverySession()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var first = await site.SignedInAsync(email);
        using var second = await site.SignedInAsync(email);
        var account = await first.GetAsync("/account");
        Assert.Equal(2, account.Document.QuerySelectorAll("main table tbody tr").Length);

        var ended = await first.SubmitAsync(account, "/account", NoFields, "form[action*=SignOutEverywhere]");

        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.False((await first.GetAsync("/")).SignedIn);
        Assert.False((await second.GetAsync("/")).SignedIn);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task Account_SignedOut_RedirectsToLogin()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        var page = await browser.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/login", new Uri(new Uri(site.Host.BaseUrl), page.Location).AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>Enrols TOTP from the account page; returns the secret, the code used to confirm, and the recovery codes shown.</summary>
    private static async Task<(byte[] Secret, string UsedCode, IReadOnlyList<string> Recovery)> EnrolAsync(ConsoleBrowser browser)
    {
        var begun = await browser.SubmitAsync("/account", NoFields, "form[action*=BeginTotp]");
        var secretText = begun.Document.QuerySelector("#totp-secret")?.TextContent ?? throw new InvalidOperationException(begun.Main);
        Assert.StartsWith("otpauth://totp/", begun.Document.QuerySelector("#totp-uri")?.GetAttribute("href"), StringComparison.Ordinal);
        var secret = Base32Encoding.ToBytes(secretText);
        var code = TotpAlgorithm.Compute(secret, DateTimeOffset.UtcNow);
        var confirmed = await browser.SubmitAsync(begun, "/account", new Dictionary<string, string> { ["code"] = code }, "form[action*=ConfirmTotp]");
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        var recovery = confirmed.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Null((await browser.GetAsync("/account")).Document.QuerySelector("#recovery-codes"));
        return (secret, code, recovery);
    }
}
