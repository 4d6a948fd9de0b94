using Microsoft.Playwright;
using Tiergate.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PasskeyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task CreateThenGet_AtLocalhost_AuthenticatorHoldsTheCredentialAndSignsInWithIt()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await CaptureOnFailureAsync(async () =>
        {
            await Page.GotoAsync(site.Url("/test/passkey.html"));
            var authenticator = await VirtualAuthenticator.AttachAsync(Page);
            var status = Page.Locator("#status");

            await Page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
            await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(registered|error):"));
            Assert.StartsWith("registered: ", await status.TextContentAsync());
            var created = await status.GetAttributeAsync("data-credential-id");
            Assert.Equal("webauthn.create", await status.GetAttributeAsync("data-type"));
            Assert.Equal(site.Origin, await status.GetAttributeAsync("data-origin"));
            Assert.Equal(TestPageEndpoints.Challenge, await status.GetAttributeAsync("data-challenge"));

            var held = Assert.Single(await authenticator.CredentialsAsync());
            Assert.Equal(created, held.CredentialId);
            Assert.Equal(TestSite.RelyingPartyId, held.RpId);
            Assert.True(held.IsResidentCredential);
            Assert.Equal(TestPageEndpoints.UserId, held.UserHandle);

            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with passkey" }).ClickAsync();
            await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(signed in|error):"));
            Assert.Equal($"signed in: {created}", await status.TextContentAsync());
            Assert.Equal("webauthn.get", await status.GetAttributeAsync("data-type"));
            Assert.Equal(TestPageEndpoints.UserId, await status.GetAttributeAsync("data-user-handle"));
            Assert.True((await authenticator.CredentialsAsync())[0].SignCount > held.SignCount);
        });
    }

    [BrowserFact]
    public async Task Create_UserFailsVerification_RefusedAndNothingStored()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await CaptureOnFailureAsync(async () =>
        {
            await Page.GotoAsync(site.Url("/test/passkey.html"));
            var authenticator = await VirtualAuthenticator.AttachAsync(Page, userVerified: false);

            await Page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
            await Assertions.Expect(Page.Locator("#status")).ToHaveAttributeAsync("data-error", "NotAllowedError");
            Assert.Empty(await authenticator.CredentialsAsync());
        });
    }

    [BrowserFact]
    public async Task Create_AtIpAddressOrigin_RefusedAsNoValidRelyingPartyId()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await CaptureOnFailureAsync(async () =>
        {
            await Page.GotoAsync(site.IpOrigin + "/test/passkey.html");
            var authenticator = await VirtualAuthenticator.AttachAsync(Page);

            await Page.GetByRole(AriaRole.Button, new() { Name = "Create passkey" }).ClickAsync();
            await Assertions.Expect(Page.Locator("#status")).ToHaveAttributeAsync("data-error", "SecurityError");
            Assert.Empty(await authenticator.CredentialsAsync());
        });
    }
}
