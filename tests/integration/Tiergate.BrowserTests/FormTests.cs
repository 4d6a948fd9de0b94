using Microsoft.Playwright;
using Tiergate.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class FormTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task LabelledForm_FilledAndSubmitted_ResultPageShowsTheValuesEscaped()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await CaptureOnFailureAsync(async () =>
        {
            await Page.GotoAsync(site.Url("/test/form.html"));
            await Page.GetByLabel("Display name").FillAsync("Ada <b>Lovelace</b>");
            await Page.GetByLabel("Tier").SelectOptionAsync("safety-research");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            await Page.GetByRole(AriaRole.Heading, new() { Name = "Saved" }).WaitForAsync();
            Assert.Equal("Ada <b>Lovelace</b> applies for safety-research", await Page.Locator("#result").TextContentAsync());
            Assert.Equal(0, await Page.Locator("#result b").CountAsync()); // the markup arrived as text, not as an element
        });
    }

    [BrowserFact]
    public async Task Form_ReachedByKeyboardAlone_Submits()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await CaptureOnFailureAsync(async () =>
        {
            await Page.GotoAsync(site.Url("/test/form.html"));
            await Page.Keyboard.PressAsync("Tab");
            await Page.Keyboard.TypeAsync("Grace");
            await Page.Keyboard.PressAsync("Tab");
            await Page.Keyboard.PressAsync("Tab");
            await Page.Keyboard.PressAsync("Enter");

            await Page.GetByRole(AriaRole.Heading, new() { Name = "Saved" }).WaitForAsync();
            Assert.Equal("Grace applies for general", await Page.Locator("#result").TextContentAsync());
        });
    }
}
