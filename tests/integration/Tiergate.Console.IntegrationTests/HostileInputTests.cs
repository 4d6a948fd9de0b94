using System.Net;

namespace Tiergate.Console.IntegrationTests;

public sealed class HostileInputTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/register")]
    [InlineData("/login")]
    [InlineData("/forgot")]
    [InlineData("/verify")]
    public async Task ConsolePage_Any_HasStrictCspAndSecurityHeaders(string path)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var csp = Assert.Single(page.Response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(page.Response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(page.Response.Headers.GetValues("X-Frame-Options")));
        Assert.True(page.Response.Headers.Contains("Referrer-Policy"));
        // Script only as files from this origin (the passkey buttons), never inline.
        Assert.All(page.Document.QuerySelectorAll("script"), s =>
        {
            Assert.StartsWith("/", s.GetAttribute("src") ?? "", StringComparison.Ordinal);
            Assert.Equal("", s.TextContent.Trim());
        });
    }

    [Fact]
    public async Task GatewayApi_ConsoleMapped_StillAnswersWithoutConsoleHeaders()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var client = site.Host.Client();

        var response = await client.GetAsync(new Uri("/v1/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.Contains("missing_api_key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/register")]
    [InlineData("/login")]
    [InlineData("/forgot")]
    public async Task Post_WithoutAntiforgeryToken_Is400(string path)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        await browser.GetAsync(path);

        var page = await browser.PostAsync(path, AccountFlowTests.Form(ConsoleSite.NewEmail(), ConsoleSite.Password));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Fact]
    public async Task Register_MarkupInEmail_IsRenderedEscaped()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        const string hostile = "<script>alert(1)</script><b id=x>bold</b>";

        var page = await browser.SubmitAsync("/register", AccountFlowTests.Form(hostile, ConsoleSite.Password));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Script only as files from this origin (the passkey buttons), never inline.
        Assert.All(page.Document.QuerySelectorAll("script"), s =>
        {
            Assert.StartsWith("/", s.GetAttribute("src") ?? "", StringComparison.Ordinal);
            Assert.Equal("", s.TextContent.Trim());
        });
        Assert.Null(page.Document.QuerySelector("b#x"));
        Assert.Equal(hostile, page.Document.QuerySelector("input[name=email]")?.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector("#email-error"));
    }

    [Fact]
    public async Task Register_OverLongFields_ClearFieldErrorsAndNoAccount()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();
        var email = new string('a', 5000) + "@example.org";

        var page = await browser.SubmitAsync("/register", AccountFlowTests.Form(email, new string('p', 100_000)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("#email-error"));
        Assert.NotNull(page.Document.QuerySelector("#password-error"));
        Assert.DoesNotContain("Check your email", page.Main, StringComparison.Ordinal);
        Assert.True((page.Document.QuerySelector("input[name=email]")?.GetAttribute("value")?.Length ?? 0) <= 320);
    }

    [Fact]
    public async Task Verify_ForgedToken_Is400WithClearMessage()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        var page = await browser.SubmitAsync("/verify?token=forged", new Dictionary<string, string> { ["token"] = new string('x', 10_000) });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotEmpty(page.Main);
    }
}
