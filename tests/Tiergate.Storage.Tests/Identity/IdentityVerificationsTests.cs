using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Identity;
using Tiergate.Storage.Tests.Accounts;

namespace Tiergate.Storage.Tests.Identity;

public sealed class IdentityVerificationsTests
{
    private const string Actor = AccountsFixture.Actor;

    [Fact]
    public async Task Record_VendorIdentity_UserBecomesVerifiedAndAudited()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);

        var record = await f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Identity, "stripe_identity", VerificationOutcome.Verified, "vs_123: passport GB"), "vendor:stripe_identity");
        var after = await f.Accounts.Users.GetAsync(user.Id, Actor);

        Assert.True(record.Valid);
        Assert.Equal(("verified", f.Time.GetUtcNow()), (after.Identity, after.IdentityVerifiedAt));
        var audited = f.Audit.Events.Single(e => e.Action == "identity.verify");
        Assert.Equal(("vendor:stripe_identity", "ok", "email", "verified"), (audited.Actor, audited.Outcome, audited.Details!["from"], audited.Details["to"]));
        Assert.DoesNotContain(audited.Details!.Values, v => v.Contains("passport", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_AffiliationAlone_NeverVerified()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@ox.ac.uk", null, null, IdentityLevel.Email, Actor);

        await f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Affiliation, "institutional_email", VerificationOutcome.Verified, "address at ox.ac.uk"), Actor);
        var afterAffiliation = await f.Accounts.Users.GetAsync(user.Id, Actor);
        var refused = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.AddAsync("ada@ox.ac.uk", "research", null, Actor));
        await f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Identity, "persona", VerificationOutcome.Verified, "inq_1"), Actor);
        var afterBoth = await f.Accounts.Users.GetAsync(user.Id, Actor);

        Assert.Equal(("email", "affiliated"), (afterAffiliation.Identity, afterBoth.Identity));
        Assert.Equal("grant_identity_insufficient", refused.Code.Name);
    }

    [Fact]
    public async Task Record_WithExpiry_LevelLapsesAtThatInstantWithoutARecompute()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);
        await f.Accounts.Users.RecordIdentityCheckAsync("ada@example.org", IdentityLevel.Verified, "reviewer_in_person", "seen at the lab", TimeSpan.FromDays(730), Actor);

        f.Time.Advance(TimeSpan.FromDays(729));
        var before = await f.Accounts.Users.GetAsync(user.Id, Actor);
        f.Time.Advance(TimeSpan.FromDays(1));
        var after = await f.Accounts.Users.GetAsync(user.Id, Actor);
        var grant = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Grants.AddAsync("ada@example.org", "research", null, Actor));

        Assert.Equal(("verified", "email"), (before.Identity, after.Identity));
        Assert.Equal("grant_identity_insufficient", grant.Code.Name);
        Assert.False((await f.Accounts.Verifications.ListAsync(user.Id)).Single().Valid);
    }

    [Fact]
    public async Task Withdraw_TheOnlyIdentity_LevelDropsAndSecondWithdrawalRefused()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Affiliated, Actor);
        var records = await f.Accounts.Verifications.ListAsync(user.Id);
        var identity = records.Single(r => r.Kind == "identity");

        var withdrawn = await f.Accounts.Verifications.WithdrawAsync(identity.Id, "document reported stolen", Actor);
        var after = await f.Accounts.Users.GetAsync(user.Id, Actor);
        var again = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Verifications.WithdrawAsync(identity.Id, "again", Actor));

        Assert.Equal(2, records.Count);
        Assert.Equal((false, "document reported stolen", Actor), (withdrawn.Valid, withdrawn.WithdrawnReason, withdrawn.WithdrawnBy));
        Assert.Equal("email", after.Identity);
        Assert.Equal(IdentityErrors.VerificationWithdrawn, again.Code);
        Assert.Equal(["ok", "denied"], f.Audit.Events.Where(e => e.Action == "identity.withdraw").Select(e => e.Outcome));
    }

    [Fact]
    public async Task Record_VendorReference_PendingUpdatedOnceThenFinal()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);
        var pending = await f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Identity, "stripe_identity", VerificationOutcome.Pending, "session started", "vs_1"), Actor);

        var verified = await f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Identity, "stripe_identity", VerificationOutcome.Verified, "passport GB", "vs_1"), Actor);
        var replay = await Assert.ThrowsAsync<TiergateException>(() =>
            f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Identity, "stripe_identity", VerificationOutcome.Failed, "requires_input", "vs_1"), Actor));
        var found = await f.Accounts.Verifications.FindByVendorReferenceAsync("stripe_identity", "vs_1");

        Assert.Equal(pending.Id, verified.Id);
        Assert.Equal(IdentityErrors.VerificationFinal, replay.Code);
        Assert.Equal(("verified", true), (found!.Outcome, found.Valid));
        Assert.Single(await f.Accounts.Verifications.ListAsync(user.Id));
        Assert.Equal("verified", (await f.Accounts.Users.GetAsync(user.Id, Actor)).Identity);
    }

    [Fact]
    public async Task Record_AnotherUsersVendorReference_RefusedAndNothingChanged()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var ada = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);
        var bob = await f.Accounts.Users.AddAsync("bob@example.org", null, null, IdentityLevel.Email, Actor);
        await f.Accounts.Verifications.RecordAsync(ada.Id, new NewVerification(VerificationKind.Identity, "persona", VerificationOutcome.Pending, "started", "inq_1"), Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() =>
            f.Accounts.Verifications.RecordAsync(bob.Id, new NewVerification(VerificationKind.Identity, "persona", VerificationOutcome.Verified, "approved", "inq_1"), Actor));

        Assert.Equal(IdentityErrors.VerificationFinal, error.Code);
        Assert.Empty(await f.Accounts.Verifications.ListAsync(bob.Id));
        Assert.Equal("email", (await f.Accounts.Users.GetAsync(bob.Id, Actor)).Identity);
    }

    [Theory]
    [InlineData("Stripe Identity", "fine", null)]
    [InlineData("stripe_identity", "", null)]
    [InlineData("stripe_identity", "text\u202Ereversed", null)]
    [InlineData("stripe_identity", "fine", "")]
    public async Task Record_BadInput_InvalidArgumentAndNothingStored(string method, string evidence, string? reference)
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() =>
            f.Accounts.Verifications.RecordAsync(user.Id, new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Verified, evidence, reference), Actor));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Empty(await f.Accounts.Verifications.ListAsync(user.Id));
        Assert.Equal("denied", f.Audit.Events.Last().Outcome);
    }

    [Fact]
    public async Task RecordIdentityCheck_UnknownMethod_RefusedNamingTheMethods()
    {
        await using var f = await AccountsFixture.CreateAsync();
        await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Email, Actor);

        var error = await Assert.ThrowsAsync<TiergateException>(() => f.Accounts.Users.RecordIdentityCheckAsync("ada@example.org", IdentityLevel.Verified, "vibes", "trust me", Actor));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("reviewer_document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordIdentityCheck_AffiliatedOnVerifiedAccount_AddsOnlyTheAffiliation()
    {
        await using var f = await AccountsFixture.CreateAsync();
        var user = await f.Accounts.Users.AddAsync("ada@example.org", null, null, IdentityLevel.Verified, Actor);

        var after = await f.Accounts.Users.RecordIdentityCheckAsync("ada@example.org", IdentityLevel.Affiliated, "reviewer_institution", "staff page at the institute", Actor);

        Assert.Equal("affiliated", after.Identity);
        Assert.Equal(["affiliation", "identity"], (await f.Accounts.Verifications.ListAsync(user.Id)).Select(r => r.Kind));
    }
}
