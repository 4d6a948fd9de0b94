using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Tests.Accounts;

namespace Tiergate.Storage.Tests.Alerts;

public sealed class AlertStoreTests
{
    private static NewAlert NewCountry(long userId) => new("new_country", userId, "abcdefghijkl", "research", AlertSeverity.Medium,
        new Dictionary<string, string> { ["country"] = "FR", ["usual"] = "DE,NL", ["at"] = "2026-12-01T12:00:00Z" });

    [Fact]
    public async Task RaiseAsync_TwiceForOneUserAndDetector_SecondLinksToFirstAndBothAudited()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);

        var first = await alerts.RaiseAsync(NewCountry(user.Id));
        var second = await alerts.RaiseAsync(NewCountry(user.Id));

        Assert.Null(first.RelatedAlertId);
        Assert.Equal(first.Id, second.RelatedAlertId);
        Assert.Equal(("open", "medium", "ada@example.org", "FR"), (second.Status, second.Severity, second.User, second.Evidence["country"]));
        var raised = f.Audit.Events.Where(e => e.Action == "alert.raise").ToList();
        Assert.Equal(2, raised.Count);
        Assert.Equal(("detector:new_country", $"alert:{second.Id}", $"alert:{first.Id}"), (raised[1].Actor, raised[1].Subject, raised[1].Details!["related"]));
        Assert.DoesNotContain(raised, e => e.Details!.Values.Contains("FR")); // evidence stays out of the audit log
    }

    [Fact]
    public async Task RaiseAsync_Evidence_EncryptedAtRestAndBounded()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var huge = Enumerable.Range(0, 100).ToDictionary(i => $"k{i}", _ => new string('x', 10_000) + "PLANTED-EVIDENCE");

        var alert = await alerts.RaiseAsync(new NewAlert("key_sharing", user.Id, null, "research", AlertSeverity.High, huge));

        Assert.Equal(AlertStore.MaxEvidenceEntries, alert.Evidence.Count);
        Assert.All(alert.Evidence.Values, v => Assert.Equal(AlertStore.MaxEvidenceValueLength, v.Length));
        await using var db = f.Store.Database.CreateContext();
        var raw = await db.Database.SqlQueryRaw<string>("SELECT Evidence AS Value FROM alerts").SingleAsync();
        Assert.StartsWith("enc1:", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStatusAsync_AcknowledgeThenResolve_AuditedThenClosedForGood()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var alert = await alerts.RaiseAsync(NewCountry(user.Id));

        var acknowledged = await alerts.SetStatusAsync(alert.Id, AlertStatus.Acknowledged, "Looking into it.", AccountsFixture.Actor);
        var resolved = await alerts.SetStatusAsync(alert.Id, AlertStatus.FalsePositive, "She was at a conference in Paris.", AccountsFixture.Actor);
        var again = await Assert.ThrowsAsync<TiergateException>(() => alerts.SetStatusAsync(alert.Id, AlertStatus.Resolved, "Again.", AccountsFixture.Actor));

        Assert.Equal(("acknowledged", "false-positive"), (acknowledged.Status, resolved.Status));
        Assert.Equal((AccountsFixture.Actor, "She was at a conference in Paris."), (resolved.StatusBy, resolved.StatusReason));
        Assert.Equal(AlertErrors.AlertClosed, again.Code);
        var changes = f.Audit.Events.Where(e => e.Action == "alert.status").Select(e => (e.Outcome, e.Details!.GetValueOrDefault("to"))).ToList();
        Assert.Equal([("ok", "acknowledged"), ("ok", "false-positive"), ("denied", "resolved")], changes);
    }

    [Theory]
    [InlineData(999, "Fine.", "unknown_alert")]
    [InlineData(0, "", "invalid_argument")]
    [InlineData(0, "   ", "invalid_argument")]
    [InlineData(0, "bidi \u202e text", "invalid_argument")]
    public async Task SetStatusAsync_BadInput_RefusedAuditedAndUnchanged(long idOffset, string reason, string code)
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var alert = await alerts.RaiseAsync(NewCountry(user.Id));

        var error = await Assert.ThrowsAsync<TiergateException>(() => alerts.SetStatusAsync(alert.Id + idOffset, AlertStatus.Resolved, reason, AccountsFixture.Actor));

        Assert.Equal(code, error.Code.Name);
        Assert.Equal("denied", f.Audit.Events[^1].Outcome);
        Assert.Equal("open", Assert.Single(await alerts.ListAsync(null, null, AccountsFixture.Actor)).Status);
    }

    [Fact]
    public async Task ListAsync_ByStatusAndUser_FiltersAndAuditsTheRead()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var ada = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var bob = await f.Accounts.Users.AddAsync("bob@example.org", null, null, IdentityLevel.Email, AccountsFixture.Actor);
        var alerts = new AlertStore(f.Store.Database, f.Audit, f.Time);
        var adas = await alerts.RaiseAsync(NewCountry(ada.Id));
        await alerts.RaiseAsync(NewCountry(bob.Id));
        await alerts.SetStatusAsync(adas.Id, AlertStatus.Resolved, "Handled.", AccountsFixture.Actor);

        var open = await alerts.ListAsync(AlertStatus.Open, null, AccountsFixture.Actor);
        var adaOnly = await alerts.ListAsync(null, "ada@example.org", AccountsFixture.Actor);

        Assert.Equal("bob@example.org", Assert.Single(open).User);
        Assert.Equal(adas.Id, Assert.Single(adaOnly).Id);
        Assert.Equal(("alert.list", $"user:{ada.Id}"), (f.Audit.Events[^1].Action, f.Audit.Events[^1].Subject));
    }
}
