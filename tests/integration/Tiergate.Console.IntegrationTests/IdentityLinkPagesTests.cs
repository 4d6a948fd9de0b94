using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Console.Auth;
using Tiergate.Core.Audit;
using Tiergate.Core.Identity;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Identity.Links;
using static Tiergate.Console.IntegrationTests.VettingPeople;

namespace Tiergate.Console.IntegrationTests;

/// <summary>The identifier graph in the console: the reviewer's dossier shows the applicant's cluster and why; a sign-in feeds the graph.</summary>
public sealed class IdentityLinkPagesTests
{
    [Fact]
    public async Task Review_ApplicantSharesACardWithABannedAccount_DossierShowsTheClusterWhyAndTheFlag()
    {
        await using var site = await ConsoleSite.StartAsync();
        var application = await PendingApplicationAsync(site);
        var other = ConsoleSite.NewEmail();
        await site.Host.Admin.Users.AddAsync(other, null, null, IdentityLevel.Email, "test");
        var graph = new IdentifierGraph(site.Host.Store.Database, new NoAudit(), TimeProvider.System);
        var applicant = (await graph.FindUserAsync(application.User)).Id;
        var otherId = (await graph.FindUserAsync(other)).Id;
        await graph.AttachAsync(applicant, IdentifierKind.Payment, "fp_shared_card", "test", "test");
        await graph.AttachAsync(otherId, IdentifierKind.Payment, "fp_shared_card", "test", "test");
        await new AccountBans(site.Host.Store.Database, new NoAudit(), TimeProvider.System).BanAsync(other, "Ring.", "test");
        var (_, reviewer) = await SignedInWithMfaAsync(site, UserRole.Reviewer);
        using var _ = reviewer;

        var page = await reviewer.GetAsync($"/review/{application.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = Assert.Single(page.Document.QuerySelectorAll("#cluster tbody tr"));
        Assert.Contains(other, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("banned", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("payment", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("fp_shared_card", page.Main, StringComparison.Ordinal);
        Assert.Contains("linked_account_banned", page.Main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_Browser_AttachesMailboxNetworkAndADeviceCookie()
    {
        await using var site = await ConsoleSite.StartAsync();
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);

        using var browser = await site.SignedInAsync(email);
        var id = (await new IdentifierGraph(site.Host.Store.Database, new NoAudit(), TimeProvider.System).FindUserAsync(email)).Id;

        await using var db = site.Host.Store.Database.CreateContext();
        var kinds = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => i.UserId == id).Select(i => i.Kind).OrderBy(k => k).ToListAsync();
        Assert.Equal([(int)IdentifierKind.Email, (int)IdentifierKind.Device, (int)IdentifierKind.IpPrefix], kinds);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", browser.Cookies.GetCookies(new Uri(site.Host.BaseUrl))[SignInIdentifiers.DeviceCookie]?.Value);
    }

    private sealed class NoAudit : IAuditLog
    {
        public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
