using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Tests.Accounts;
using Tiergate.Storage.Vetting;

namespace Tiergate.Storage.Tests.Vetting;

public sealed class ReviewDossierTests
{
    private const string Actor = AccountsFixture.Actor;

    private static ApplicationRequest Request(string email) => new(email, "research", "Evaluate <i>refusals</i>.", null, [], [0]);

    [Fact]
    public async Task DossierAsync_ApplicantWithHistory_GivesIdentityAgeHistoryGrantsAndAuditsTheRead()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, UserRole.Applicant, Actor);
        await f.Accounts.Users.AddAsync("rex@example.org", null, null, IdentityLevel.Email, UserRole.Reviewer, Actor);
        var denied = await f.Accounts.Applications.SubmitAsync(Request("ada@example.org"), Actor);
        await f.Accounts.Applications.ReviewAsync(denied.Id, "rex@example.org", ReviewVerdict.Deny, "Too vague.", Actor);
        f.Time.Advance(TimeSpan.FromDays(3));
        var current = await f.Accounts.Applications.SubmitAsync(Request("ada@example.org"), Actor);

        var dossier = await f.Accounts.Applications.DossierAsync(current.Id, "user:9");

        Assert.Equal((current.Id, "verified"), (dossier.Application.Id, dossier.Identity));
        Assert.Equal(f.Time.GetUtcNow().AddDays(-3), dossier.AccountCreatedAt);
        Assert.Equal([denied.Id], dossier.History.Select(h => h.Id));
        Assert.Equal("denied", dossier.History[0].Status);
        Assert.Contains("prior_denials", dossier.Application.Flags);
        Assert.Equal(["general"], dossier.Grants.Select(g => g.Tier));
        Assert.Equal(["research"], dossier.PermittedUses);
        var read = Assert.Single(f.Audit.Events, e => e.Action == "application.read");
        Assert.Equal(("user:9", $"application:{current.Id}"), (read.Actor, read.Subject));
    }

    [Fact]
    public async Task DossierAsync_UnknownId_UnknownApplication()
    {
        await using var f = await AccountsFixture.CreateAsync();

        var e = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.DossierAsync(404, Actor));

        Assert.Equal(VettingErrors.UnknownApplication, e.Code);
    }

    [Fact]
    public async Task ReviewQueueAsync_MixedStatuses_OnlyPendingOldestFirstWithApplicantFacts()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("rex@example.org", null, null, IdentityLevel.Email, UserRole.Reviewer, Actor);
        foreach (var email in new[] { "a@example.org", "b@example.org", "c@example.org" })
        {
            await f.Accounts.Users.AddAsync(email, null, null, IdentityLevel.Verified, UserRole.Applicant, Actor);
        }

        var first = await f.Accounts.Applications.SubmitAsync(Request("a@example.org"), Actor);
        var asked = await f.Accounts.Applications.SubmitAsync(Request("b@example.org"), Actor);
        var third = await f.Accounts.Applications.SubmitAsync(Request("c@example.org"), Actor);
        await f.Accounts.Applications.ReviewAsync(asked.Id, "rex@example.org", ReviewVerdict.Ask, "Say more.", Actor);

        var queue = await f.Accounts.Applications.ReviewQueueAsync("user:9");

        Assert.Equal([first.Id, third.Id], queue.Select(q => q.Application.Id));
        Assert.All(queue, q => Assert.Equal("verified", q.Identity));
        Assert.Equal(["new_account"], queue[0].Application.Flags);
        Assert.Contains(f.Audit.Events, e => e.Action == "application.list" && e.Actor == "user:9");
    }
}
