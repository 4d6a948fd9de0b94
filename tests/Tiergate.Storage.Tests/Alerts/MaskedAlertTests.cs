using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Tests.Accounts;

namespace Tiergate.Storage.Tests.Alerts;

/// <summary>Issue 15, point 6: an aggregate-privacy alert names no user or key until someone with the privacy permission unmasks it with a reason.</summary>
public sealed class MaskedAlertTests
{
    private static NewAlert Masked(long userId) => new("rate_spike", userId, "abcdefghijkl", "research", AlertSeverity.High,
        new Dictionary<string, string> { ["requests_last_hour"] = "900", ["baseline"] = "40" }) { Masked = true };

    [Fact]
    public async Task RaiseAsync_Masked_ViewsAndAuditNameNoUserOrKey()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);

        var raised = await alerts.RaiseAsync(Masked(user.Id));
        var listed = Assert.Single(await alerts.ListAsync(null, null, AccountsFixture.Actor));
        var read = await alerts.GetAsync(raised.Id, AccountsFixture.Actor);
        var byUser = await alerts.ListAsync(null, "ada@example.org", AccountsFixture.Actor);

        Assert.All(new[] { raised, listed, read }, a => Assert.Equal((true, (string?)null, (string?)null, "900"), (a.Masked, a.User, a.KeyId, a.Evidence["requests_last_hour"])));
        Assert.Empty(byUser); // filtering by user must not reveal whom a masked alert names
        Assert.Equal("masked", f.Audit.Events.Single(e => e.Action == "alert.raise").Details!["user"]);
        Assert.DoesNotContain(f.Audit.Events, e => e.Details?.Values.Contains($"user:{user.Id}") == true && e.Action.StartsWith("alert.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnmaskAsync_WithPermissionAndReason_NamesUserRecordsWhoWhenWhyAndAudits()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var reviewer = await f.Accounts.Users.AddAsync("rev@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        await f.Accounts.Users.SetPrivacyPermissionAsync("rev@example.org", true, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var raised = await alerts.RaiseAsync(Masked(user.Id));
        f.Time.Advance(TimeSpan.FromHours(1));

        var unmasked = await alerts.UnmaskAsync(raised.Id, "Rate 20× baseline; must contact the lab.", $"user:{reviewer.Id}", reviewer.Id);

        Assert.Equal((false, "ada@example.org", "abcdefghijkl"), (unmasked.Masked, unmasked.User, unmasked.KeyId));
        Assert.Equal(($"user:{reviewer.Id}", f.Time.GetUtcNow(), "Rate 20× baseline; must contact the lab."), (unmasked.UnmaskedBy, unmasked.UnmaskedAt, unmasked.UnmaskedReason));
        Assert.Equal("ada@example.org", Assert.Single(await alerts.ListAsync(null, "ada@example.org", AccountsFixture.Actor)).User);
        var record = f.Audit.Events.Single(e => e.Action == "alert.unmask");
        Assert.Equal(("ok", $"user:{reviewer.Id}", $"alert:{raised.Id}", $"user:{user.Id}"), (record.Outcome, record.Actor, record.Subject, record.Details!["user"]));
        Assert.DoesNotContain(record.Details.Values, v => v.Contains("baseline", StringComparison.Ordinal)); // the reason stays out of the audit log
    }

    [Fact]
    public async Task UnmaskAsync_ReasonAtRest_Encrypted()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var raised = await alerts.RaiseAsync(Masked(user.Id));

        await alerts.UnmaskAsync(raised.Id, "PLANTED-UNMASK-REASON", AccountsFixture.Actor, asUser: null);

        await using var db = f.Store.Database.CreateContext();
        var raw = await db.Database.SqlQueryRaw<string>("SELECT UnmaskedReason AS Value FROM alerts").ToListAsync();
        Assert.StartsWith("enc1:", Assert.Single(raw), StringComparison.Ordinal);
        Assert.DoesNotContain("PLANTED", raw[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-permission", "Fine reason.", "privacy_permission_required")]
    [InlineData("unknown", "Fine reason.", "unknown_alert")]
    [InlineData("permitted", "", "invalid_argument")]
    [InlineData("permitted", "   ", "invalid_argument")]
    [InlineData("not-masked", "Fine reason.", "alert_not_masked")]
    public async Task UnmaskAsync_Refused_AuditedAndStillMasked(string situation, string reason, string code)
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var reviewer = await f.Accounts.Users.AddAsync("rev@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        if (situation != "no-permission")
        {
            await f.Accounts.Users.SetPrivacyPermissionAsync("rev@example.org", true, AccountsFixture.Actor);
        }

        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var masked = await alerts.RaiseAsync(Masked(user.Id));
        var plain = await alerts.RaiseAsync(new NewAlert("new_country", user.Id, null, "research", AlertSeverity.Low, new Dictionary<string, string>()));
        var id = situation switch { "unknown" => 999, "not-masked" => plain.Id, _ => masked.Id };

        var error = await Assert.ThrowsAsync<TiergateException>(() => alerts.UnmaskAsync(id, reason, $"user:{reviewer.Id}", reviewer.Id));

        Assert.Equal(code, error.Code.Name);
        var record = f.Audit.Events[^1];
        Assert.Equal(("alert.unmask", "denied", code), (record.Action, record.Outcome, record.Details!["reason"]));
        var again = await alerts.GetAsync(masked.Id, AccountsFixture.Actor);
        Assert.Equal((true, (string?)null, (DateTimeOffset?)null), (again.Masked, again.User, again.UnmaskedAt));
    }

    [Fact]
    public async Task UnmaskAsync_Twice_SecondRefusedFirstKept()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var raised = await alerts.RaiseAsync(Masked(user.Id));

        await alerts.UnmaskAsync(raised.Id, "First.", "cli:one", asUser: null);
        var second = await Assert.ThrowsAsync<TiergateException>(() => alerts.UnmaskAsync(raised.Id, "Second.", "cli:two", asUser: null));

        Assert.Equal(AlertErrors.AlertNotMasked, second.Code);
        var read = await alerts.GetAsync(raised.Id, AccountsFixture.Actor);
        Assert.Equal(("cli:one", "First."), (read.UnmaskedBy, read.UnmaskedReason));
    }

    [Fact]
    public async Task SetPrivacyPermissionAsync_AllowThenRevoke_AuditedAndMayUnmaskFollows()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var reviewer = await f.Accounts.Users.AddAsync("rev@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);

        var before = await alerts.MayUnmaskAsync(reviewer.Id);
        var allowed = await f.Accounts.Users.SetPrivacyPermissionAsync("rev@example.org", true, AccountsFixture.Actor);
        var during = await alerts.MayUnmaskAsync(reviewer.Id);
        var revoked = await f.Accounts.Users.SetPrivacyPermissionAsync("rev@example.org", false, AccountsFixture.Actor);
        var after = await alerts.MayUnmaskAsync(reviewer.Id);

        Assert.Equal((false, true, true, false, false), (before, allowed.Privacy, during, revoked.Privacy, after));
        var changes = f.Audit.Events.Where(e => e.Action == "user.privacy").Select(e => (e.Subject, e.Details!["from"], e.Details["to"])).ToList();
        Assert.Equal([($"user:{reviewer.Id}", "none", "allowed"), ($"user:{reviewer.Id}", "allowed", "none")], changes);
    }

    [Fact]
    public async Task ResponseToAMaskedAlert_NamesNoUserOrKeyUntilTheAlertIsUnmasked()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var responses = new Tiergate.Storage.Responses.ResponseStore(f.Store.Database, f.Audit, f.Time);
        var tier = new TierConfig("research", null, ["standard"], "aup", IdentityLevel.Email, new SecurityPractices(false, false, null), null, false,
            new TierLimits(null, null, null, TierLimits.DefaultMaxOutputTokens), new MonitoringConfig(MonitoringLevel.Standard, PrivacyMode.Aggregate)
            {
                Responses = [new Tiergate.Core.Monitoring.MonitoringResponse("rate_spike", Tiergate.Core.Monitoring.ResponseAction.Throttle, true)],
            }, SafeguardProfile.Strict);
        var alert = await alerts.RaiseAsync(Masked(user.Id));

        var made = Assert.Single(await responses.ForAlertAsync(alert, user.Id, "abcdefghijkl", tier));
        var listed = Assert.Single(await responses.ListAsync());
        await alerts.UnmaskAsync(alert.Id, "Investigating a reported incident.", AccountsFixture.Actor, null);
        var named = Assert.Single(await responses.ListAsync());

        Assert.All(new[] { made, listed }, r => Assert.Equal(((string?)null, (string?)null), (r.User, r.KeyId)));
        Assert.Equal("masked", f.Audit.Events.Single(e => e.Action == "response.create").Details!["user"]);
        Assert.Equal("ada@example.org", named.User);
    }
}
