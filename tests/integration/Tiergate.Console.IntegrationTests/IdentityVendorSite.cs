using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Identity.Vendors;
using Tiergate.Storage.Identity.Links;
using Tiergate.Storage.Identity.Vendors;
using Tiergate.Testing.Identity;

namespace Tiergate.Console.IntegrationTests;

/// <summary>The console configured with both vendors pointing at a <see cref="FakeIdentityVendor"/>, and a double of the identifier graph.</summary>
public sealed class IdentityVendorSite : IAsyncDisposable
{
    private IdentityVendorSite(ConsoleSite site, FakeIdentityVendor vendor, InMemoryIdentifierGraph graph)
    {
        Site = site;
        Vendor = vendor;
        Graph = graph;
    }

    public ConsoleSite Site { get; }

    public FakeIdentityVendor Vendor { get; }

    public InMemoryIdentifierGraph Graph { get; }

    public Uri BaseUrl => new(Site.Host.BaseUrl);

    public static async Task<IdentityVendorSite> StartAsync(IReadOnlyList<string>? affiliationDomains = null)
    {
        var vendor = await FakeIdentityVendor.StartAsync();
        var graph = new InMemoryIdentifierGraph();
        var options = new IdentityVendorOptions(
            new StripeVendorOptions(vendor.BaseUrl, FakeIdentityVendor.StripeSecretKey, FakeIdentityVendor.StripeWebhookSecret),
            new PersonaVendorOptions(vendor.BaseUrl, FakeIdentityVendor.PersonaApiKey, FakeIdentityVendor.PersonaWebhookSecret, FakeIdentityVendor.PersonaTemplateId),
            730,
            new AffiliationDomains(affiliationDomains ?? []),
            true);
        var site = await ConsoleSite.StartAsync(identity: options, services: s => s.AddSingleton<IIdentifierGraph>(graph));
        return new IdentityVendorSite(site, vendor, graph);
    }

    /// <summary>A registered, confirmed, signed-in applicant and their user id.</summary>
    public async Task<(ConsoleBrowser Browser, long UserId, string Email)> ApplicantAsync()
    {
        var email = ConsoleSite.NewEmail();
        await Site.RegisterVerifiedAsync(email);
        var browser = await Site.SignedInAsync(email);
        var user = await Site.Host.Admin.Users.SearchAsync(email, 1, "test");
        return (browser, Assert.Single(user).Id, email);
    }

    /// <summary>Presses "Verify your identity with …" on /identity; answers the redirect and the session id the vendor created.</summary>
    public async Task<(ConsoleBrowser.Page Page, string SessionId)> StartAsync(ConsoleBrowser browser, string vendor)
    {
        var before = Vendor.Created.Keys.ToHashSet();
        var page = await browser.GetAsync("/identity");
        var form = page.Document.QuerySelectorAll("main form").Single(f => f.QuerySelector($"input[name=vendor][value={vendor}]") is not null);
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var answer = await browser.PostAsync(form.GetAttribute("action")!, values);
        var created = Vendor.Created.Keys.Where(k => !before.Contains(k)).ToList();
        return (answer, created.Count == 1 ? created[0] : "");
    }

    public async Task<string> IdentityOfAsync(long userId) => (await Site.Host.Admin.Users.GetAsync(userId, "test")).Identity;

    public static async Task<(HttpStatusCode Status, string? Code, string? Outcome)> ReadAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var code = root.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : root.TryGetProperty("code", out var c) ? c.GetString() : null;
        var outcome = root.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
        return (response.StatusCode, code, outcome);
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Vendor.DisposeAsync();
    }
}
