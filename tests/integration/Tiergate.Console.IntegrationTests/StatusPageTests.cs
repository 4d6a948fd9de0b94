using System.Net;

namespace Tiergate.Console.IntegrationTests;

public sealed class StatusPageTests
{
    [Fact]
    public async Task Get_UnknownConsolePath_404WithTheConsolesNotFoundPage()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        var page = await browser.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Not found", page.Main, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Get_UnknownApiPath_404WithoutTheConsolePage()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var browser = site.Browser();

        var page = await browser.GetAsync("/v1/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Not found", page.Main, StringComparison.Ordinal);
    }
}
