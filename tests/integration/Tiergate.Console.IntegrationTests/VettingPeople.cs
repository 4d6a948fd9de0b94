using System.Net;
using OtpNet;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.IntegrationTests;

/// <summary>The people of the review and admin page tests: registered through the console, roles and factors set as an operator would.</summary>
internal static class VettingPeople
{
    /// <summary>
    /// A registered user with <paramref name="role"/> and TOTP enrolled (as <c>users mfa enrol-totp</c> does), signed in with
    /// password and a code: the session has proved a second factor just now, so step-up is satisfied.
    /// </summary>
    public static async Task<(string Email, ConsoleBrowser Browser)> SignedInWithMfaAsync(ConsoleSite site, UserRole role)
    {
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        await site.Host.Admin.Users.SetRoleAsync(email, role, "test");
        var (_, _, enrolment) = await site.Host.Admin.Mfa.EnrolTotpForAsync(email, "test");
        var browser = site.Browser();
        var password = await browser.SubmitAsync("/login", AccountFlowTests.Form(email, ConsoleSite.Password));
        Assert.Equal("/login/mfa", password.Location);
        var code = TotpAlgorithm.Compute(Base32Encoding.ToBytes(enrolment.Secret), DateTimeOffset.UtcNow);
        var proved = await browser.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, proved.Status);
        return (email, browser);
    }

    /// <summary>A registered user with <paramref name="role"/>, signed in with the password only (no second factor proved).</summary>
    public static async Task<(string Email, ConsoleBrowser Browser)> SignedInAsync(ConsoleSite site, UserRole role)
    {
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        if (role != UserRole.Applicant)
        {
            await site.Host.Admin.Users.SetRoleAsync(email, role, "test");
        }

        return (email, await site.SignedInAsync(email));
    }

    /// <summary>An applicant (added by an operator, identity verified) with a pending application for <paramref name="tier"/>.</summary>
    public static async Task<ApplicationView> PendingApplicationAsync(ConsoleSite site, string? email = null, string tier = "safety-research", string useCase = "Red-team the model's refusals for our lab's safety evaluation.")
    {
        if (email is null)
        {
            email = ConsoleSite.NewEmail();
            await site.Host.Admin.Users.AddAsync(email, "Applicant", "Lab", IdentityLevel.Email, "test");
        }

        await site.Host.Admin.Users.RecordIdentityCheckAsync(email, IdentityLevel.Affiliated, "document", "passport seen", "test");
        return await site.Host.Admin.Applications.SubmitAsync(new ApplicationRequest(email, tier, useCase, "Lab", ["https://example.org/lab"], [0]), "test");
    }

    /// <summary>The application as stored now (not as any page shows it).</summary>
    public static async Task<ApplicationView> StoredAsync(ConsoleSite site, ApplicationView application) =>
        (await site.Host.Admin.Applications.ListAsync(null, application.User, "test")).Single(a => a.Id == application.Id);

    public static Dictionary<string, string> Decision(string verdict, string reason) => new() { ["verdict"] = verdict, ["reason"] = reason };
}
