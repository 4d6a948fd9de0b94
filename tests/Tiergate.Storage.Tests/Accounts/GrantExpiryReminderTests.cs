using Tiergate.Core.Notifications;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;

namespace Tiergate.Storage.Tests.Accounts;

public sealed class GrantExpiryReminderTests
{
    private static readonly Uri Console = new("https://tiergate.example.org");

    [Fact]
    public async Task SendDueAsync_FifteenThenThirteenDaysLeft_RemindsOnceAtFourteenDaysWithRenewalLink()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);
        var grant = await f.Accounts.Grants.AddAsync("ada@example.org", "research", null, AccountsFixture.Actor);
        var reminders = new GrantExpiryReminders(f.Store.Database, f.Notifier, f.Audit, f.Time);

        f.Time.Advance(TimeSpan.FromDays(75));
        Assert.Equal(0, await reminders.SendDueAsync(Console));
        f.Time.Advance(TimeSpan.FromDays(2));
        var first = await reminders.SendDueAsync(Console);
        var second = await reminders.SendDueAsync(Console);

        Assert.Equal((1, 0), (first, second));
        var message = Assert.Single(f.Notifier.Messages, m => m.Kind == "grant.expiry_reminder");
        Assert.Equal("ada@example.org", message.ToEmail);
        Assert.Equal(new Uri("https://tiergate.example.org/applications/new?tier=research"), message.Link);
        Assert.Contains(grant.ExpiresAt!.Value.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), message.Subject, StringComparison.Ordinal);
        var audited = f.Audit.Events[^1];
        Assert.Equal(("grant.expiry_reminder", "system", $"user:{user.Id}", "ok"), (audited.Action, audited.Actor, audited.Subject, audited.Outcome));
    }

    [Fact]
    public async Task SendDueAsync_RevokedExpiredOrAlreadyRenewed_SendsNothing()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("rev@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);
        await f.Accounts.Users.AddAsync("old@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);
        await f.Accounts.Users.AddAsync("ren@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);
        await f.Accounts.Grants.AddAsync("rev@example.org", "research", null, AccountsFixture.Actor);
        await f.Accounts.Grants.RevokeAsync("rev@example.org", "research", AccountsFixture.Actor);
        await f.Accounts.Grants.AddAsync("old@example.org", "research", 1, AccountsFixture.Actor);
        await f.Accounts.Grants.AddAsync("ren@example.org", "research", null, AccountsFixture.Actor);
        f.Time.Advance(TimeSpan.FromDays(70));
        await f.Accounts.Grants.AddAsync("ren@example.org", "research", 365, AccountsFixture.Actor);
        f.Time.Advance(TimeSpan.FromDays(10));
        var reminders = new GrantExpiryReminders(f.Store.Database, f.Notifier, f.Audit, f.Time);

        var sent = await reminders.SendDueAsync(Console);

        Assert.Equal(0, sent);
        Assert.DoesNotContain(f.Notifier.Messages, m => m.Kind == "grant.expiry_reminder");
    }

    [Fact]
    public async Task SendDueAsync_MailServerFails_ReleasesTheClaimAndTheNextPassSends()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, AccountsFixture.Actor);
        await f.Accounts.Grants.AddAsync("ada@example.org", "research", null, AccountsFixture.Actor);
        f.Time.Advance(TimeSpan.FromDays(80));
        var failing = new GrantExpiryReminders(f.Store.Database, new FailingNotifier(), f.Audit, f.Time);
        var working = new GrantExpiryReminders(f.Store.Database, f.Notifier, f.Audit, f.Time);

        var whenDown = await failing.SendDueAsync(Console);
        var failed = f.Audit.Events[^1];
        var afterwards = await working.SendDueAsync(Console);

        Assert.Equal((0, 1), (whenDown, afterwards));
        Assert.Equal(("grant.expiry_reminder", "failed"), (failed.Action, failed.Outcome));
        Assert.Equal("IOException", failed.Details!["error"]);
        Assert.Single(f.Notifier.Messages, m => m.Kind == "grant.expiry_reminder");
    }

    private sealed class FailingNotifier : IUserNotifier
    {
        public Task SendAsync(UserMessage message, CancellationToken cancellationToken = default) => throw new IOException("mail server down");
    }
}
