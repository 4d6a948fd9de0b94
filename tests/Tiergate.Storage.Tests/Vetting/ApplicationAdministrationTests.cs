using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Tests.Accounts;
using Tiergate.Storage.Vetting;

namespace Tiergate.Storage.Tests.Vetting;

public sealed class ApplicationAdministrationTests
{
    private const string Actor = AccountsFixture.Actor;

    private static ApplicationRequest Request(string email = "ada@example.org", string tier = "research", string useCase = "Red-teaming <b>our</b> own models.") =>
        new(email, tier, useCase, "Example Lab", ["https://example.org/lab"], [0]);

    private static async Task<AccountsFixture> WithPeopleAsync()
    {
        var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", "Ada", null, IdentityLevel.Verified, UserRole.Applicant, Actor);
        await f.Accounts.Users.AddAsync("rex@example.org", null, null, IdentityLevel.Email, UserRole.Reviewer, Actor);
        await f.Accounts.Users.AddAsync("ana@example.org", null, null, IdentityLevel.Email, UserRole.Admin, Actor);
        return f;
    }

    [Fact]
    public async Task Submit_ThenTwoApprovals_CreatesTheGrantForGrantDaysAndTellsTheApplicantAtEachChange()
    {
        await using var f = await WithPeopleAsync();

        var submitted = await f.Accounts.Applications.SubmitAsync(Request(), Actor);
        var first = await f.Accounts.Applications.ReviewAsync(submitted.Id, "rex@example.org", ReviewVerdict.Approve, "Clear use case.", Actor);
        var second = await f.Accounts.Applications.ReviewAsync(submitted.Id, "ana@example.org", ReviewVerdict.Approve, "Agreed.", Actor);

        Assert.Equal(("pending", 0, 2, "aup", "1"), (submitted.Status, submitted.Approvals, submitted.ApprovalsRequired, submitted.PolicyId, submitted.PolicyVersion));
        Assert.Equal(f.Time.GetUtcNow(), submitted.AcceptedAt);
        Assert.Equal("Red-teaming <b>our</b> own models.", submitted.UseCase);
        Assert.Equal(("pending", 1, (long?)null), (first.Status, first.Approvals, first.GrantId));
        Assert.Equal(("approved", 2), (second.Status, second.Approvals));
        Assert.NotNull(second.GrantId);
        Assert.Equal(["Clear use case.", "Agreed."], second.Decisions.Select(d => d.Reason));

        var grant = Assert.Single(await f.Accounts.Grants.RevokeAsync("ada@example.org", "research", Actor));
        Assert.Equal(second.GrantId, grant.Id);
        Assert.Equal(f.Time.GetUtcNow().AddDays(90), grant.ExpiresAt);
        Assert.Equal($"application:{submitted.Id}", grant.GrantedBy);

        Assert.Equal(["application.pending", "application.approved"], f.Notifier.Messages.Select(m => m.Kind));
        Assert.All(f.Notifier.Messages, m => Assert.Equal("ada@example.org", m.ToEmail));
        Assert.Contains("Agreed.", f.Notifier.Messages[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(["application.submit", "application.review", "application.review"], f.Audit.Events.Where(e => e.Action.StartsWith("application.", StringComparison.Ordinal)).Select(e => e.Action));
    }

    [Fact]
    public async Task Review_SameReviewerTwice_SecondRefusedAndNothingChanges()
    {
        await using var f = await WithPeopleAsync();
        var submitted = await f.Accounts.Applications.SubmitAsync(Request(), Actor);
        await f.Accounts.Applications.ReviewAsync(submitted.Id, "rex@example.org", ReviewVerdict.Approve, "Fine.", Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.ReviewAsync(submitted.Id, "rex@example.org", ReviewVerdict.Approve, "Fine again.", Actor));

        Assert.Equal(VettingErrors.AlreadyReviewed, error.Code);
        var listed = Assert.Single(await f.Accounts.Applications.ListAsync(null, null, Actor));
        Assert.Equal(("pending", 1), (listed.Status, listed.Approvals));
        Assert.Equal("denied", f.Audit.Events.Last(e => e.Action == "application.review").Outcome);
    }

    [Theory]
    [InlineData("ada@example.org", "own_application")]
    [InlineData("bea@example.org", "not_a_reviewer")]
    public async Task Review_OwnApplicationOrApplicantRole_Refused(string reviewer, string code)
    {
        await using var f = await WithPeopleAsync();
        await f.Accounts.Users.SetRoleAsync("ada@example.org", UserRole.Reviewer, Actor);
        await f.Accounts.Users.AddAsync("bea@example.org", null, null, IdentityLevel.Email, Actor);
        var submitted = await f.Accounts.Applications.SubmitAsync(Request(), Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.ReviewAsync(submitted.Id, reviewer, ReviewVerdict.Approve, "Mine.", Actor));

        Assert.Equal(code, error.Code.Name);
    }

    [Fact]
    public async Task AskThenResubmit_NewRoundNeedsFreshApprovals()
    {
        await using var f = await WithPeopleAsync();
        var submitted = await f.Accounts.Applications.SubmitAsync(Request(), Actor);
        await f.Accounts.Applications.ReviewAsync(submitted.Id, "rex@example.org", ReviewVerdict.Approve, "Fine.", Actor);
        var asked = await f.Accounts.Applications.ReviewAsync(submitted.Id, "ana@example.org", ReviewVerdict.Ask, "Which models?", Actor);

        var resubmitted = await f.Accounts.Applications.ResubmitAsync(submitted.Id, "Our own 7B models.", Actor);
        var again = await f.Accounts.Applications.ReviewAsync(submitted.Id, "rex@example.org", ReviewVerdict.Approve, "Clearer now.", Actor);

        Assert.Equal("needs-info", asked.Status);
        Assert.Equal(("pending", 2, 0, "Our own 7B models."), (resubmitted.Status, resubmitted.Round, resubmitted.Approvals, resubmitted.UseCase));
        Assert.Equal(("pending", 1), (again.Status, again.Approvals));
        Assert.Equal(["application.pending", "application.needs_info", "application.pending"], f.Notifier.Messages.Select(m => m.Kind));
        Assert.Contains("Which models?", f.Notifier.Messages[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_ThenList_FlagsPriorDenialsOnTheNextApplication()
    {
        await using var f = await WithPeopleAsync();
        var first = await f.Accounts.Applications.SubmitAsync(Request(), Actor);
        var denied = await f.Accounts.Applications.ReviewAsync(first.Id, "rex@example.org", ReviewVerdict.Deny, "Out of scope.", Actor);

        var second = await f.Accounts.Applications.SubmitAsync(Request(), Actor);
        var pending = await f.Accounts.Applications.ListAsync(ApplicationStatus.Pending, "ada@example.org", Actor);

        Assert.Equal("denied", denied.Status);
        Assert.Equal(second.Id, Assert.Single(pending).Id);
        Assert.Equal(["new_account", "prior_denials"], pending[0].Flags);
        Assert.Equal("application.denied", f.Notifier.Messages[1].Kind);
    }

    [Fact]
    public async Task Submit_IdentityBelowTier_RefusedUntilAnIdentityCheckIsRecorded()
    {
        await using var f = await WithPeopleAsync();
        await f.Accounts.Users.AddAsync("cy@example.org", null, null, IdentityLevel.Email, Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.SubmitAsync(Request("cy@example.org"), Actor));
        var none = await f.Accounts.Applications.ListAsync(null, "cy@example.org", Actor);
        var verified = await f.Accounts.Users.RecordIdentityCheckAsync("cy@example.org", IdentityLevel.Verified, "operator", "Passport seen in person.", Actor);
        var submitted = await f.Accounts.Applications.SubmitAsync(Request("cy@example.org"), Actor);

        Assert.Equal(VettingErrors.ApplicationIdentityInsufficient, error.Code);
        Assert.Empty(none);
        Assert.Equal("verified", verified.Identity);
        Assert.Equal("pending", submitted.Status);
        Assert.Equal($"user:{verified.Id}", f.Audit.Events.Last(e => e.Action == "identity.verify").Subject);
    }

    [Theory]
    [InlineData("research", "", "invalid_argument")]
    [InlineData("research", "text\u202Ereversed", "invalid_argument")]
    [InlineData("nope", "fine", "unknown_tier")]
    public async Task Submit_BadInput_RefusedAndNothingStored(string tier, string useCase, string code)
    {
        await using var f = await WithPeopleAsync();

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.SubmitAsync(Request(tier: tier, useCase: useCase), Actor));

        Assert.Equal(code, error.Code.Name);
        Assert.Empty(await f.Accounts.Applications.ListAsync(null, null, Actor));
        Assert.Empty(f.Notifier.Messages);
    }

    [Fact]
    public async Task Submit_OpenApplicationOrActiveGrant_RefusedAsDuplicate()
    {
        await using var f = await WithPeopleAsync();
        await f.Accounts.Applications.SubmitAsync(Request(), Actor);
        await f.Accounts.Users.AddAsync("dee@example.org", null, null, IdentityLevel.Verified, Actor);
        await f.Accounts.Grants.AddAsync("dee@example.org", "research", null, Actor);

        var open = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.SubmitAsync(Request(), Actor));
        var held = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.SubmitAsync(Request("dee@example.org"), Actor));

        Assert.Equal(VettingErrors.DuplicateApplication, open.Code);
        Assert.Equal(VettingErrors.DuplicateApplication, held.Code);
    }

    [Fact]
    public async Task Review_UnknownApplication_RefusedWithItsCode()
    {
        await using var f = await WithPeopleAsync();

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Applications.ReviewAsync(999, "rex@example.org", ReviewVerdict.Approve, "x", Actor));

        Assert.Equal(VettingErrors.UnknownApplication, error.Code);
    }

    [Fact]
    public async Task SetRole_ChangesTheRoleAndAudits()
    {
        await using var f = await WithPeopleAsync();

        var changed = await f.Accounts.Users.SetRoleAsync("ada@example.org", UserRole.Admin, Actor);

        Assert.Equal("admin", changed.Role);
        var audit = f.Audit.Events.Single(e => e.Action == "user.role");
        Assert.Equal(("applicant", "admin"), (audit.Details!["from"], audit.Details["to"]));
    }
}
