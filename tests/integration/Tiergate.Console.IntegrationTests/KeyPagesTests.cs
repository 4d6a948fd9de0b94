using System.Net;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.IntegrationTests;

public sealed class KeyPagesTests
{
    private const string CreateForm = "form[action*=Create]";
    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task CreateKey_GeneralTier_ShownOnceNoStoreAndUsableAgainstGateway()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        var page = await browser.GetAsync("/keys");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("MFA not required", page.Document.QuerySelector("#practices-general")!.TextContent, StringComparison.Ordinal);

        var created = await browser.SubmitAsync(page, "/keys", NoFields, CreateForm);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        var key = created.Document.QuerySelector("#new-key")?.TextContent.Trim() ?? throw new InvalidOperationException(created.Main);
        Assert.StartsWith("tg_", key, StringComparison.Ordinal);
        Assert.Contains("will not be shown again", created.Main, StringComparison.Ordinal);
        Assert.True(created.Response.Headers.CacheControl?.NoStore);
        var again = await browser.GetAsync("/keys");
        Assert.Null(again.Document.QuerySelector("#new-key"));
        Assert.DoesNotContain(key, again.Main, StringComparison.Ordinal);
        Assert.Single(again.Document.QuerySelectorAll("table.keys tbody tr"));
        using var api = site.Host.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RevokeKey_Own_NextCallRefused()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        var (id, key) = await CreateAsync(browser, NoFields);
        using var api = site.Host.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);

        var revoked = await browser.SubmitAsync("/keys", NoFields, $"#key-{id} form[action*=Revoke]");

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Contains($"Key {id} is revoked", revoked.Main, StringComparison.Ordinal);
        Assert.Equal("revoked", revoked.Document.QuerySelector($"#key-{id} .status")!.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RotateKey_Own_NewKeySameScopeOldRefusedAndReplayMakesNoSecond()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        var (id, key) = await CreateAsync(browser, new Dictionary<string, string> { ["tiers"] = "general", ["expiresDays"] = "10", ["networks"] = "127.0.0.0/8\n::1" });
        var keysPage = await browser.GetAsync("/keys");
        var token = Applicants.Antiforgery(keysPage);

        var rotated = await browser.SubmitAsync(keysPage, "/keys", NoFields, $"#key-{id} form[action*=Rotate]");

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newKey = rotated.Document.QuerySelector("#new-key")?.TextContent.Trim() ?? throw new InvalidOperationException(rotated.Main);
        Assert.NotEqual(key, newKey);
        using (var oldApi = site.Host.Client(key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await oldApi.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
        }

        using (var newApi = site.Host.Client(newKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
        }

        var keys = await site.Host.Admin.Keys.ListAsync(email, "test");
        var replacement = Assert.Single(keys, k => k.State == "active");
        Assert.Equal(["general"], replacement.Tiers);
        Assert.Equal(["127.0.0.0/8", "::1/128"], replacement.AllowedNetworks);
        Assert.Equal(10, Math.Round((replacement.ExpiresAt!.Value - replacement.CreatedAt).TotalDays));

        // The same post again: the old key is revoked, so nothing is rotated twice.
        var replay = await browser.PostAsync("/keys?handler=Rotate", new Dictionary<string, string> { [token.Key] = token.Value, ["id"] = id });
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("revoked", replay.Main, StringComparison.Ordinal);
        Assert.Equal(2, (await site.Host.Admin.Keys.ListAsync(email, "test")).Count);
    }

    [Fact]
    public async Task CreateOrRotateKey_TierRequiringMfaWithoutRecentFactor_RedirectsToStepUpThenCreatesUsableKey()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = await Applicants.VerifiedAsync(site);
        // Signed in before MFA is enrolled: this session never proved a second factor.
        using var browser = await site.SignedInAsync(email);
        using var stale = await site.SignedInAsync(email);
        await site.Host.Admin.Grants.AddAsync(email, "safety-research", null, "test");
        var (_, _, enrolment) = await site.Host.Admin.Mfa.EnrolTotpForAsync(email, "test");
        var secret = OtpNet.Base32Encoding.ToBytes(enrolment.Secret);
        var form = new Dictionary<string, string> { ["tiers"] = "safety-research", ["expiresDays"] = "30", ["networks"] = "127.0.0.0/8\n::1" };
        var page = await browser.GetAsync("/keys");
        Assert.Contains("MFA required", page.Document.QuerySelector("#practices-safety-research")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Keys expire within 30 days", page.Main, StringComparison.Ordinal);

        var asked = await browser.SubmitAsync(page, "/keys", form, CreateForm);

        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.Equal("/step-up?returnUrl=%2Fkeys%3Fhandler%3DCreate", asked.Location);
        Assert.Empty(await site.Host.Admin.Keys.ListAsync(email, "test"));
        var proved = await browser.SubmitAsync(asked.Location!, new Dictionary<string, string> { ["code"] = TotpAlgorithm.Compute(secret, DateTimeOffset.UtcNow) });
        Assert.Equal("/keys?handler=Create", proved.Location);

        var (id, key) = await CreateAsync(browser, form);

        using var api = site.Host.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);

        // Rotating it makes a key for the same MFA tier: a session without a recent second factor is sent to step-up first.
        var rotate = await stale.SubmitAsync("/keys", NoFields, $"#key-{id} form[action*=Rotate]");
        Assert.Equal("/step-up?returnUrl=%2Fkeys%3Fhandler%3DRotate", rotate.Location);
        Assert.Equal("active", Assert.Single(await site.Host.Admin.Keys.ListAsync(email, "test")).State);
    }

    [Fact]
    public async Task CreateKey_ExpiryBeyondTierMaximumOrNoAllowlist_FieldMessageAndNoKey()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (email, secret) = await Applicants.SafetyResearcherAsync(site);
        using var browser = await Applicants.SignedInWithCodeAsync(site, email, secret);

        var tooLong = await browser.SubmitAsync("/keys", new Dictionary<string, string> { ["tiers"] = "safety-research", ["expiresDays"] = "60", ["networks"] = "127.0.0.1" }, CreateForm);
        var open = await browser.SubmitAsync("/keys", new Dictionary<string, string> { ["tiers"] = "safety-research", ["expiresDays"] = "7" }, CreateForm);
        var unscoped = await browser.SubmitAsync("/keys", NoFields, CreateForm);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("30 days", tooLong.Document.QuerySelector("#expiresDays-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, open.Status);
        Assert.Contains("IP allowlist", open.Document.QuerySelector("#networks-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unscoped.Status);
        Assert.Null(unscoped.Document.QuerySelector("#new-key"));
        Assert.Empty(await site.Host.Admin.Keys.ListAsync(email, "test"));
    }

    [Theory]
    [InlineData("tiers", "medical-research", "tiers")]
    [InlineData("tiers", "<b>x</b>", "tiers")]
    [InlineData("networks", "10.0.0.0/33", "networks")]
    [InlineData("networks", "10.0.0.1/8", "networks")]
    [InlineData("networks", "<script>alert(1)</script>", "networks")]
    [InlineData("expiresDays", "0", "expiresDays")]
    [InlineData("expiresDays", "-5", "expiresDays")]
    [InlineData("expiresDays", "99999999999", "expiresDays")]
    public async Task CreateKey_HostileField_ClearMessageNoKeyNo500(string field, string value, string errorField)
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);

        var page = await browser.SubmitAsync("/keys", new Dictionary<string, string> { [field] = value }, CreateForm);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector($"#{errorField}-error"));
        Assert.Equal("true", page.Document.QuerySelector($"#{errorField}")?.GetAttribute("aria-invalid") ?? "true");
        Assert.Empty(page.Document.QuerySelectorAll("main b, main script"));
        Assert.Null(page.Document.QuerySelector("#new-key"));
        Assert.Empty(await site.Host.Admin.Keys.ListAsync(email, "test"));
    }

    [Fact]
    public async Task CreateKey_ReplayedPost_MakesNoSecondKey()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);
        var page = await browser.GetAsync("/keys");
        var form = page.Document.QuerySelector(CreateForm)!;
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        var first = await browser.PostAsync("/keys?handler=Create", values);
        var replay = await browser.PostAsync("/keys?handler=Create", values);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotNull(first.Document.QuerySelector("#new-key"));
        Assert.Equal(HttpStatusCode.Conflict, replay.Status);
        Assert.Null(replay.Document.QuerySelector("#new-key"));
        Assert.Contains("already submitted", replay.Main, StringComparison.Ordinal);
        Assert.Single(await site.Host.Admin.Keys.ListAsync(email, "test"));
    }

    [Fact]
    public async Task KeyId_OfAnotherUser_RevokeAndRotateAnswer404AndChangeNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        var owner = ConsoleSite.NewEmail();
        var other = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(owner);
        await site.RegisterVerifiedAsync(other);
        using var ownerBrowser = await site.SignedInAsync(owner);
        using var otherBrowser = await site.SignedInAsync(other);
        var (id, key) = await CreateAsync(ownerBrowser, NoFields);
        var token = Applicants.Antiforgery(await otherBrowser.GetAsync("/keys"));

        var revoke = await otherBrowser.PostAsync("/keys?handler=Revoke", new Dictionary<string, string> { [token.Key] = token.Value, ["id"] = id });
        var rotate = await otherBrowser.PostAsync("/keys?handler=Rotate", new Dictionary<string, string> { [token.Key] = token.Value, ["id"] = id });
        var unknown = await otherBrowser.PostAsync("/keys?handler=Revoke", new Dictionary<string, string> { [token.Key] = token.Value, ["id"] = "AAAAAAAAAAAA" });
        var junk = await otherBrowser.PostAsync("/keys?handler=Revoke", new Dictionary<string, string> { [token.Key] = token.Value, ["id"] = new string('x', 5000) });

        Assert.Equal(HttpStatusCode.NotFound, revoke.Status);
        Assert.Equal(HttpStatusCode.NotFound, rotate.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, junk.Status);
        Assert.Equal("active", Assert.Single(await site.Host.Admin.Keys.ListAsync(owner, "test")).State);
        Assert.Empty(await site.Host.Admin.Keys.ListAsync(other, "test"));
        Assert.DoesNotContain(id, (await otherBrowser.GetAsync("/keys")).Main, StringComparison.Ordinal);
        using var api = site.Host.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task KeysPage_SignedOutOrWithoutAntiforgery_RedirectsOrRefusesNo500()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var anonymous = site.Browser();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        using var browser = await site.SignedInAsync(email);

        var signedOut = await anonymous.GetAsync("/keys");
        var forged = await browser.PostAsync("/keys?handler=Create", new Dictionary<string, string> { ["expiresDays"] = "5" });

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.StartsWith("/login", new Uri(new Uri(site.Host.BaseUrl), signedOut.Location).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Empty(await site.Host.Admin.Keys.ListAsync(email, "test"));
    }

    /// <summary>Creates a key through the form; returns its id and secret.</summary>
    private static async Task<(string Id, string Key)> CreateAsync(ConsoleBrowser browser, IReadOnlyDictionary<string, string> fields)
    {
        var created = await browser.SubmitAsync("/keys", fields, CreateForm);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var key = created.Document.QuerySelector("#new-key")?.TextContent.Trim() ?? throw new InvalidOperationException(created.Main);
        return (key.Substring(3, 12), key);
    }
}
