using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;
using static Tiergate.Console.IntegrationTests.VettingPeople;

namespace Tiergate.Console.IntegrationTests;

public sealed class AdminPagesTests
{
    [Fact]
    public async Task WithdrawVerification_WithReason_LevelDropsAuditedAndEmptyReasonRefused()
    {
        await using var site = await ConsoleSite.StartAsync();
        var target = ConsoleSite.NewEmail();
        var added = await site.Host.Admin.Users.AddAsync(target, "Target", null, IdentityLevel.Verified, "test");
        var (adminEmail, admin) = await SignedInAsync(site, UserRole.Admin);
        using var _ = admin;

        var empty = await admin.SubmitAsync($"/admin/users/{added.Id}", new Dictionary<string, string> { ["reason"] = " " }, "form[action*=Withdraw]");
        var stillVerified = (await site.Host.Admin.Users.GetAsync(added.Id, "test")).Identity;
        var withdrawn = await admin.SubmitAsync($"/admin/users/{added.Id}", new Dictionary<string, string> { ["reason"] = "<i>forged</i> document" }, "form[action*=Withdraw]");
        var page = await admin.GetAsync(withdrawn.Location!);

        Assert.Equal((HttpStatusCode.BadRequest, "verified"), (empty.Status, stillVerified));
        Assert.Equal($"/admin/users/{added.Id}?done=withdrawn", withdrawn.Location);
        Assert.Equal("email", page.Document.QuerySelector("#user-identity")?.TextContent.Trim());
        Assert.Contains("<i>forged</i> document", page.Document.QuerySelector("#identity-checks")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#identity-checks i"));
        Assert.Null(page.Document.QuerySelector("form[action*=Withdraw]"));
        var adminId = (await site.Host.Admin.Users.SearchAsync(adminEmail, 1, "test")).Single().Id;
        await using var db = site.Host.Store.Database.CreateContext();
        Assert.Equal(["denied", "ok"], await db.Set<AuditRecordEntity>().Where(r => r.Action == "identity.withdraw" && r.Actor == $"user:{adminId}").OrderBy(r => r.Sequence).Select(r => r.Outcome).ToListAsync());
    }

    [Fact]
    public async Task RecordIdentityCheck_MarkupEvidence_AuditedEncryptedEscapedAndAdminOnly()
    {
        await using var site = await ConsoleSite.StartAsync();
        var target = ConsoleSite.NewEmail();
        var added = await site.Host.Admin.Users.AddAsync(target, "Target", null, IdentityLevel.Email, "test");
        var (adminEmail, admin) = await SignedInAsync(site, UserRole.Admin);
        using var _1 = admin;
        const string evidence = "<b id=x>Passport</b> 123 seen <script>alert(1)</script>";

        var found = await admin.GetAsync("/admin/users?email=" + Uri.EscapeDataString(target.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal($"/admin/users/{added.Id}", Assert.Single(found.Document.QuerySelectorAll("#users tbody a")).GetAttribute("href"));
        var recorded = await admin.SubmitAsync($"/admin/users/{added.Id}", new Dictionary<string, string> { ["level"] = "verified", ["method"] = "document", ["evidence"] = evidence }, "form[action*=Check]");
        Assert.Equal($"/admin/users/{added.Id}?done=check", recorded.Location);

        var page = await admin.GetAsync(recorded.Location!);
        Assert.Equal("verified", page.Document.QuerySelector("#user-identity")?.TextContent.Trim());
        Assert.Equal(evidence, page.Document.QuerySelector("#identity-checks tbody td.user-text")?.TextContent);
        Assert.Null(page.Document.QuerySelector("b#x"));
        Assert.Empty(page.Document.QuerySelectorAll("script"));

        var adminId = (await site.Host.Admin.Users.SearchAsync(adminEmail, 1, "test")).Single().Id;
        await using (var db = site.Host.Store.Database.CreateContext())
        {
            Assert.True(await db.Set<AuditRecordEntity>().AnyAsync(r => r.Action == "identity.verify" && r.Actor == $"user:{adminId}" && r.Subject == $"user:{added.Id}" && r.Outcome == "ok"));
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Evidence\" FROM identity_checks";
            var stored = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored.Add(reader.GetString(0));
                }
            }

            Assert.NotEmpty(stored);
            Assert.DoesNotContain(stored, s => s.Contains("Passport", StringComparison.Ordinal));
        }

        // A reviewer (not an admin) cannot read the evidence.
        var (_, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        using var _2 = reviewer;
        var refused = await reviewer.GetAsync($"/admin/users/{added.Id}");
        Assert.NotEqual(HttpStatusCode.OK, refused.Status);
        Assert.DoesNotContain("Passport", refused.Main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_ToReviewer_AuditedAndQueueOpensForThem()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (_, admin) = await SignedInAsync(site, UserRole.Admin);
        var (email, user) = await SignedInAsync(site, UserRole.Applicant);
        using var _1 = admin;
        using var _2 = user;
        var id = (await site.Host.Admin.Users.SearchAsync(email, 1, "test")).Single().Id;
        Assert.NotEqual(HttpStatusCode.OK, (await user.GetAsync("/review")).Status);

        var changed = await admin.SubmitAsync($"/admin/users/{id}", new Dictionary<string, string> { ["role"] = "reviewer" }, "form[action*=Role]");

        Assert.Equal($"/admin/users/{id}?done=role", changed.Location);
        Assert.Equal("reviewer", (await admin.GetAsync(changed.Location!)).Document.QuerySelector("#user-role")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/review")).Status);
        await using var db = site.Host.Store.Database.CreateContext();
        Assert.True(await db.Set<AuditRecordEntity>().AnyAsync(r => r.Action == "user.role" && r.Subject == $"user:{id}" && r.Actor != "test"));
    }

    [Fact]
    public async Task RevokeGrant_FromGrantsPage_GatewayRefusesNextCallAndReplayChangesNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        var holder = await site.Host.UserWithTiersAsync("general", "safety-research");
        using var client = site.Host.Client(await site.Host.GoodKeyAsync(holder));
        using var before = await Chat.PostAsync(client, "reduced-refusal");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var (_, admin) = await SignedInAsync(site, UserRole.Admin);
        using var _ = admin;
        var grant = (await site.Host.Admin.Grants.ListAsync(holder, 10, "test")).Single(g => g.Tier == "safety-research" && g.RevokedAt is null);

        var list = await admin.GetAsync("/admin/grants?email=" + Uri.EscapeDataString(holder));
        Assert.Contains("safety-research", list.Document.QuerySelector($"#grants tr[data-grant='{grant.Id}']")?.TextContent, StringComparison.Ordinal);
        var revoked = await admin.SubmitAsync(list, "/admin/grants", new Dictionary<string, string>(), $"#grants tr[data-grant='{grant.Id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        using var after = await Chat.PostAsync(client, "reduced-refusal");
        using var stillGeneral = await Chat.PostAsync(client, "standard");

        Assert.Equal((HttpStatusCode.NotFound, "model_not_found"), (after.StatusCode, await Chat.ErrorCodeAsync(after)));
        Assert.Equal(HttpStatusCode.OK, stillGeneral.StatusCode);
        var replayed = await admin.SubmitAsync(list, "/admin/grants", new Dictionary<string, string>(), $"#grants tr[data-grant='{grant.Id}'] form");
        Assert.Equal(HttpStatusCode.NotFound, replayed.Status);
        Assert.Contains("no longer active", replayed.Main, StringComparison.Ordinal);
        var shown = await admin.GetAsync(revoked.Location!);
        Assert.Null(shown.Document.QuerySelector($"#grants tr[data-grant='{grant.Id}'] form"));
        await using var db = site.Host.Store.Database.CreateContext();
        Assert.Equal(1, await db.Set<AuditRecordEntity>().CountAsync(r => r.Action == "grant.revoke" && r.Outcome == "ok" && r.Actor.StartsWith("user:")));
    }

    [Fact]
    public async Task AdminPages_HostileInput_FieldErrorsNoChangeNever500()
    {
        await using var site = await ConsoleSite.StartAsync();
        var target = ConsoleSite.NewEmail();
        var added = await site.Host.Admin.Users.AddAsync(target, null, null, IdentityLevel.Email, "test");
        var (_, admin) = await SignedInAsync(site, UserRole.Admin);
        using var _ = admin;
        var page = await admin.GetAsync($"/admin/users/{added.Id}");

        var empty = await admin.SubmitAsync(page, $"/admin/users/{added.Id}", new Dictionary<string, string> { ["level"] = "verified", ["method"] = "document", ["evidence"] = " " }, "form[action*=Check]");
        var longMethod = await admin.SubmitAsync(page, $"/admin/users/{added.Id}", new Dictionary<string, string> { ["level"] = "verified", ["method"] = new string('m', 5000), ["evidence"] = "seen" }, "form[action*=Check]");
        var badLevel = await admin.SubmitAsync(page, $"/admin/users/{added.Id}", new Dictionary<string, string> { ["level"] = "god", ["method"] = "document", ["evidence"] = "seen" }, "form[action*=Check]");
        var badRole = await admin.SubmitAsync(page, $"/admin/users/{added.Id}", new Dictionary<string, string> { ["role"] = "superuser" }, "form[action*=Role]");

        Assert.Equal((HttpStatusCode.BadRequest, true), (empty.Status, empty.Document.QuerySelector("#evidence-error") is not null));
        Assert.Equal((HttpStatusCode.BadRequest, true), (longMethod.Status, longMethod.Document.QuerySelector("#method-error") is not null));
        Assert.Null(longMethod.Document.QuerySelector("select[name=method] option[selected][value^=mmm]"));
        Assert.Equal((HttpStatusCode.BadRequest, true), (badLevel.Status, badLevel.Document.QuerySelector("#level-error") is not null));
        Assert.Equal((HttpStatusCode.BadRequest, true), (badRole.Status, badRole.Document.QuerySelector("#role-error") is not null));
        Assert.Empty(await site.Host.Admin.Users.IdentityChecksAsync(added.Id));
        var unchanged = await site.Host.Admin.Users.GetAsync(added.Id, "test");
        Assert.Equal(("email", "applicant"), (unchanged.Identity, unchanged.Role));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/users/99999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/users/99999999?handler=Role", new Dictionary<string, string> { ["__af"] = Token(page), ["role"] = "admin" })).Status);
        var unknownGrant = await admin.PostAsync("/admin/grants?handler=Revoke", new Dictionary<string, string> { ["__af"] = Token(page), ["id"] = "99999999" });
        Assert.Equal(HttpStatusCode.NotFound, unknownGrant.Status);
        Assert.Contains("No grant has id", unknownGrant.Main, StringComparison.Ordinal);
        var unknownUser = await admin.GetAsync("/admin/grants?email=" + Uri.EscapeDataString("nobody@example.org"));
        Assert.Equal(HttpStatusCode.OK, unknownUser.Status);
        Assert.NotNull(unknownUser.Document.QuerySelector("#email-error"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/users?email=" + new string('a', 5000))).Status);
    }

    [Fact]
    public async Task AdminPages_ReviewerApplicantAnonymous_Refused()
    {
        await using var site = await ConsoleSite.StartAsync();
        var added = await site.Host.Admin.Users.AddAsync(ConsoleSite.NewEmail(), "Secret Name", null, IdentityLevel.Email, "test");
        var (_, reviewer) = await SignedInAsync(site, UserRole.Reviewer);
        var (_, applicant) = await SignedInAsync(site, UserRole.Applicant);
        using var anonymous = site.Browser();
        using var _1 = reviewer;
        using var _2 = applicant;

        foreach (var path in new[] { "/admin/users", $"/admin/users/{added.Id}", "/admin/grants" })
        {
            var signedOut = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
            Assert.StartsWith("/login", new Uri(new Uri(site.Host.BaseUrl), signedOut.Location).AbsolutePath, StringComparison.Ordinal);
            foreach (var browser in new[] { reviewer, applicant })
            {
                var refused = await browser.GetAsync(path);
                Assert.NotEqual(HttpStatusCode.OK, refused.Status);
                Assert.DoesNotContain(added.Email, refused.Main, StringComparison.Ordinal);
            }
        }

        var account = await reviewer.GetAsync("/account");
        var posted = await reviewer.PostAsync($"/admin/users/{added.Id}?handler=Role", new Dictionary<string, string> { ["__af"] = Token(account), ["role"] = "admin" });
        Assert.NotEqual(HttpStatusCode.OK, posted.Status);
        Assert.Equal("applicant", (await site.Host.Admin.Users.GetAsync(added.Id, "test")).Role);
    }

    private static string Token(ConsoleBrowser.Page page) =>
        page.Document.QuerySelector("main form input[name=__af]")?.GetAttribute("value") ?? throw new InvalidOperationException(page.Main);
}
