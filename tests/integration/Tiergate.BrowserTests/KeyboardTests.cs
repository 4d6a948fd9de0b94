using Microsoft.Playwright;
using Tiergate.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

/// <summary>The console's forms by keyboard alone (issue 14, point 7): skip link, fields in order, Enter submits.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task Login_ByKeyboardAlone_SkipLinkThenFieldsThenEnterSignsIn()
    {
        await using var console = await ConsoleTestSite.StartAsync();
        var email = ConsoleTestSite.NewEmail();
        await CaptureOnFailureAsync(async () =>
        {
            await console.RegisterVerifiedAndSignInAsync(Page, email);
            await Page.Locator("header form[action='/logout'] button").ClickAsync();
            await Page.GotoAsync(console.Url("/login"));

            await Page.Keyboard.PressAsync("Tab");
            Assert.Equal("Skip to content", await Page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
            await Page.Keyboard.PressAsync("Enter");
            await FocusAsync("email");
            await Page.Keyboard.TypeAsync(email);
            await Page.Keyboard.PressAsync("Tab");
            Assert.Equal("password", await Page.EvaluateAsync<string>("document.activeElement.name"));
            await Page.Keyboard.TypeAsync(ConsoleTestSite.Password);
            await Page.Keyboard.PressAsync("Enter");

            await Assertions.Expect(Page.Locator("header form[action='/logout']")).ToBeVisibleAsync();
        });
    }

    /// <summary>Tabs from where the skip link left the focus to the named field, failing if it is not reached in a few steps.</summary>
    private async Task FocusAsync(string name)
    {
        for (var i = 0; i < 8; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await Page.EvaluateAsync<string>("document.activeElement.name ?? ''") == name)
            {
                return;
            }
        }

        Assert.Fail($"the field '{name}' was not reached by Tab");
    }
}
