using System.Net;
using System.Text;
using System.Text.Json;
using OtpNet;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.IntegrationTests;

/// <summary>
/// The passkey endpoints and page actions over plain HTTP (the ceremonies themselves need a browser's
/// authenticator: Tiergate.BrowserTests' ConsolePasskeyTests): the script, sign-in and antiforgery checks, bad
/// bodies, and another user's passkey id.
/// </summary>
public sealed class PasskeyEndpointTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task PasskeyScript_Get_ServedAsJavaScriptFromThisOrigin()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        var script = await browser.GetAsync("/passkeys.js");
        var login = await browser.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal("text/javascript", script.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/passkeys.js", login.Document.QuerySelector("script")?.GetAttribute("src"));
        Assert.True(login.Document.QuerySelector("#passkey-sign-in")?.HasAttribute("hidden"));
    }

    [Theory]
    [InlineData("/account/passkeys/register/options")]
    [InlineData("/account/passkeys/register")]
    [InlineData("/account/passkeys/verify/options")]
    [InlineData("/account/passkeys/verify")]
    public async Task AccountEndpoint_SignedOut_401SignInRequired(string path)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        using var client = Json(site, browser);

        var (status, code) = await PostAsync(client, path, "{}", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("sign_in_required", code);
    }

    [Fact]
    public async Task LoginEndpoints_NoAntiforgeryToken_400RequestForgeryAndNoCeremony()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        using var client = Json(site, browser);
        await browser.GetAsync("/login");

        Assert.Equal((HttpStatusCode.BadRequest, "request_forgery"), await PostAsync(client, "/login/passkey/options", "{}", token: null));
        Assert.Equal((HttpStatusCode.BadRequest, "request_forgery"), await PostAsync(client, "/login/passkey", "{}", token: "not-a-token"));
        Assert.DoesNotContain(browser.Cookies.GetCookies(new Uri(site.Host.BaseUrl)), c => c.Name == "tiergate_webauthn");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"credential\": \"text\"}")]
    [InlineData("{\"credential\": {\"id\": \"x\", \"rawId\": \"%%%\", \"type\": \"public-key\", \"response\": {}}}")]
    public async Task LoginPasskey_MalformedBody_400PasskeyMalformed(string body)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        using var client = Json(site, browser);
        var token = Token(await browser.GetAsync("/login"));

        Assert.Equal((HttpStatusCode.BadRequest, "passkey_malformed"), await PostAsync(client, "/login/passkey", body, token));
    }

    [Fact]
    public async Task LoginPasskey_WellFormedAnswerWithoutCeremony_400ChallengeInvalid()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        using var client = Json(site, browser);
        var token = Token(await browser.GetAsync("/login"));
        const string answer = "{\"credential\": {\"id\": \"AQID\", \"rawId\": \"AQID\", \"type\": \"public-key\", \"response\": {\"authenticatorData\": \"AQID\", \"clientDataJSON\": \"e30\", \"signature\": \"AQID\"}}}";

        Assert.Equal((HttpStatusCode.BadRequest, "passkey_challenge_invalid"), await PostAsync(client, "/login/passkey", answer, token));
        // A ceremony opened now does not accept an answer made for no challenge of its own.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/login/passkey/options", "{}", token)).Status);
        Assert.Equal((HttpStatusCode.BadRequest, "passkey_unknown"), await PostAsync(client, "/login/passkey", answer, token));
    }

    [Fact]
    public async Task RemovePasskey_AnotherUsersId_404AndKept()
    {
        await using var site = await ConsoleSite.StartAsync();
        var alice = ConsoleSite.NewEmail();
        var bob = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(alice);
        await site.RegisterVerifiedAsync(bob);
        var accounts = site.Host.Service<ConsoleAccounts>();
        var passkeys = site.Host.Service<PasskeyStore>();
        var aliceId = (await accounts.FindActiveUserAsync(alice))!.Value;
        Assert.True(await passkeys.AddAsync(aliceId, new NewPasskey([1, 2, 3, 4], [0xA5], 0, "internal", Guid.Empty, "Alice's laptop"), "test"));
        var aliceKey = Assert.Single(await passkeys.ListAsync(aliceId)).Id;
        using var bobBrowser = await site.SignedInAsync(bob);
        await EnrolTotpAsync(bobBrowser); // a recent second factor, so the step-up gate lets the request through

        var page = await bobBrowser.GetAsync("/account");
        var removed = await bobBrowser.PostAsync("/account?handler=RemovePasskey", new Dictionary<string, string>
        {
            ["passkey"] = aliceKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__af"] = page.Document.QuerySelector("input[name=__af]")?.GetAttribute("value") ?? "",
        });

        Assert.Equal(HttpStatusCode.NotFound, removed.Status);
        Assert.Single(await passkeys.ListAsync(aliceId));
    }

    private static async Task EnrolTotpAsync(ConsoleBrowser browser)
    {
        var begun = await browser.SubmitAsync("/account", NoFields, "form[action*=BeginTotp]");
        var secret = Base32Encoding.ToBytes(begun.Document.QuerySelector("#totp-secret")!.TextContent);
        var confirmed = await browser.SubmitAsync(begun, "/account", new Dictionary<string, string> { ["code"] = TotpAlgorithm.Compute(secret, DateTimeOffset.UtcNow) }, "form[action*=ConfirmTotp]");
        Assert.NotNull(confirmed.Document.QuerySelector("#recovery-codes"));
    }

    /// <summary>A JSON client sharing the visitor's cookies (session, antiforgery, ceremony).</summary>
    private static HttpClient Json(ConsoleSite site, ConsoleBrowser browser) =>
        new(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(site.Host.BaseUrl) };

    private static string Token(ConsoleBrowser.Page page) =>
        page.Document.QuerySelector("input[name=__af]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token on the page");

    private static async Task<(HttpStatusCode Status, string? Code)> PostAsync(HttpClient client, string path, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (!response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(text);
            code = json.RootElement.GetProperty("error").GetProperty("code").GetString();
        }

        return (response.StatusCode, code);
    }
}
