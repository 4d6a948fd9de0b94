using System.Net;
using OtpNet;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.IntegrationTests;

/// <summary>Applicants for the applications and keys page tests: registered through the console, then set up as an operator would.</summary>
internal static class Applicants
{
    /// <summary>A registered, confirmed user whose identity an operator checked (level <c>verified</c>).</summary>
    public static async Task<string> VerifiedAsync(ConsoleSite site)
    {
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        await site.Host.Admin.Users.RecordIdentityCheckAsync(email, IdentityLevel.Verified, "document", "passport seen by the test", "test");
        return email;
    }

    /// <summary>A verified user holding <c>safety-research</c> (MFA, IP allowlist, keys of at most 30 days) with TOTP enrolled; returns the TOTP secret.</summary>
    public static async Task<(string Email, byte[] Secret)> SafetyResearcherAsync(ConsoleSite site)
    {
        var email = await VerifiedAsync(site);
        await site.Host.Admin.Grants.AddAsync(email, "safety-research", null, "test");
        var (_, _, enrolment) = await site.Host.Admin.Mfa.EnrolTotpForAsync(email, "test");
        return (email, Base32Encoding.ToBytes(enrolment.Secret));
    }

    /// <summary>Signs in with the password and a TOTP code, so the session has a recent second factor.</summary>
    public static async Task<ConsoleBrowser> SignedInWithCodeAsync(ConsoleSite site, string email, byte[] secret)
    {
        var browser = site.Browser();
        var password = await browser.SubmitAsync("/login", AccountFlowTests.Form(email, ConsoleSite.Password));
        Assert.Equal("/login/mfa", password.Location);
        var code = await browser.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = TotpAlgorithm.Compute(secret, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, code.Status);
        return browser;
    }

    /// <summary>The antiforgery field of a form on <paramref name="page"/>, to post by hand (another user's ids, replays).</summary>
    public static KeyValuePair<string, string> Antiforgery(ConsoleBrowser.Page page)
    {
        var input = page.Document.QuerySelector("main form input[name=__af]") ?? throw new InvalidOperationException("No antiforgery field: " + page.Main);
        return new("__af", input.GetAttribute("value")!);
    }
}
