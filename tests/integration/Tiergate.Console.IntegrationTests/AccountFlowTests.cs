using System.Net;

namespace Tiergate.Console.IntegrationTests;

public sealed class AccountFlowTests
{
    [Fact]
    public async Task Register_MailedLinkPosted_VerifiesAndSignInWorks()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        var email = ConsoleSite.NewEmail();

        var registered = await browser.SubmitAsync("/register", Form(email, ConsoleSite.Password));
        Assert.Contains("Check your email", registered.Main, StringComparison.Ordinal);
        var mail = await site.Smtp.WaitForAsync(email, "Confirm your email");
        var link = LocalSmtp.LinkIn(mail, "/verify");

        // The GET alone (a mail scanner fetching the link) must not use the token up.
        var landing = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        var verified = await browser.SubmitAsync(landing, link, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Contains("confirmed", verified.Main, StringComparison.Ordinal);

        var signedIn = await browser.SubmitAsync("/login", Form(email, ConsoleSite.Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.True((await browser.GetAsync("/")).SignedIn);
    }

    [Fact]
    public async Task Verify_LinkUsedTwice_SecondIsRefusedWithClearMessage()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        var email = ConsoleSite.NewEmail();
        await browser.SubmitAsync("/register", Form(email, ConsoleSite.Password));
        var link = LocalSmtp.LinkIn(await site.Smtp.WaitForAsync(email, "Confirm your email"), "/verify");
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync(link, new Dictionary<string, string>())).Status);

        var again = await browser.SubmitAsync(link, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.DoesNotContain("is confirmed", again.Main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_UnverifiedEmail_IsNotSignedIn()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        var email = ConsoleSite.NewEmail();
        await browser.SubmitAsync("/register", Form(email, ConsoleSite.Password));

        var page = await browser.SubmitAsync("/login", Form(email, ConsoleSite.Password));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False((await browser.GetAsync("/")).SignedIn);
    }

    [Fact]
    public async Task ResetPassword_ThroughMailedLink_SignsOutOtherSessionsAndOldPasswordStops()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var other = await site.SignedInAsync(email);
        Assert.True((await other.GetAsync("/")).SignedIn);
        using var browser = site.Browser();

        await browser.SubmitAsync("/forgot", new Dictionary<string, string> { ["email"] = email });
        var link = LocalSmtp.LinkIn(await site.Smtp.WaitForAsync(email, "Reset your"), "/reset");
        var reset = await browser.SubmitAsync(link, new Dictionary<string, string> { ["password"] = "a new and longer passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        Assert.False((await other.GetAsync("/")).SignedIn);
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/login", Form(email, ConsoleSite.Password))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/login", Form(email, "a new and longer passphrase"))).Status);
        var reused = await browser.SubmitAsync(link, new Dictionary<string, string> { ["password"] = "yet another long passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
    }

    internal static Dictionary<string, string> Form(string email, string password) => new() { ["email"] = email, ["password"] = password };
}
