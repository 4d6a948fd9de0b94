using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;

namespace Tiergate.Core.Tests.Vetting;

public sealed class ReviewRulesTests
{
    private const long Applicant = 1;
    private static readonly ReviewSettings Two = new(2);

    private static ApplicationFacts Pending(int round = 1, params DecisionFacts[] decisions) =>
        new(Applicant, ApplicationStatus.Pending, round, decisions);

    [Theory]
    [InlineData(UserRole.Applicant, 2, "not_a_reviewer")]
    [InlineData(UserRole.Reviewer, Applicant, "own_application")]
    [InlineData(UserRole.Admin, Applicant, "own_application")]
    public void Decide_ReviewerNotAllowed_RefusedAndNothingChanges(UserRole role, long reviewer, string code)
    {
        var outcome = ReviewRules.Decide(Pending(), reviewer, role, ReviewVerdict.Approve, "fine", Two);

        Assert.Equal(code, outcome.Refusal?.Name);
        Assert.Equal(ApplicationStatus.Pending, outcome.Status);
        Assert.Equal(0, outcome.Approvals);
        Assert.False(outcome.Approved);
    }

    [Theory]
    [InlineData(ApplicationStatus.NeedsInfo)]
    [InlineData(ApplicationStatus.Approved)]
    [InlineData(ApplicationStatus.Denied)]
    public void Decide_ApplicationNotPending_RefusedAsNotOpen(ApplicationStatus status)
    {
        var application = new ApplicationFacts(Applicant, status, 1, []);

        var outcome = ReviewRules.Decide(application, 2, UserRole.Reviewer, ReviewVerdict.Approve, "fine", Two);

        Assert.Equal(VettingErrors.ApplicationNotOpen, outcome.Refusal);
        Assert.Equal(status, outcome.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("ok\u202Eevil")]
    public void Decide_ReasonMissingOrHostile_RefusedAsReasonRequired(string? reason)
    {
        var outcome = ReviewRules.Decide(Pending(), 2, UserRole.Reviewer, ReviewVerdict.Deny, reason, Two);

        Assert.Equal(VettingErrors.ReasonRequired, outcome.Refusal);
        Assert.Equal(ApplicationStatus.Pending, outcome.Status);
    }

    [Fact]
    public void Decide_ReasonTooLong_RefusedAsReasonRequired()
    {
        var outcome = ReviewRules.Decide(Pending(), 2, UserRole.Reviewer, ReviewVerdict.Approve, new string('a', ReviewRules.MaxReasonLength + 1), Two);

        Assert.Equal(VettingErrors.ReasonRequired, outcome.Refusal);
    }

    [Fact]
    public void Decide_SameReviewerTwiceInARound_SecondRefusedAsAlreadyReviewed()
    {
        var application = Pending(1, new DecisionFacts(2, ReviewVerdict.Approve, 1));

        var outcome = ReviewRules.Decide(application, 2, UserRole.Reviewer, ReviewVerdict.Approve, "again", Two);

        Assert.Equal(VettingErrors.AlreadyReviewed, outcome.Refusal);
        Assert.Equal(1, outcome.Approvals);
        Assert.False(outcome.Approved);
    }

    [Fact]
    public void Decide_TwoApprovalsNeeded_FirstKeepsPendingSecondApproves()
    {
        var first = ReviewRules.Decide(Pending(), 2, UserRole.Reviewer, ReviewVerdict.Approve, "good", Two);
        var second = ReviewRules.Decide(Pending(1, new DecisionFacts(2, ReviewVerdict.Approve, 1)), 3, UserRole.Admin, ReviewVerdict.Approve, "good too", Two);

        Assert.Null(first.Refusal);
        Assert.Equal((ApplicationStatus.Pending, 1, false), (first.Status, first.Approvals, first.Approved));
        Assert.Null(second.Refusal);
        Assert.Equal((ApplicationStatus.Approved, 2, true), (second.Status, second.Approvals, second.Approved));
    }

    [Fact]
    public void Decide_DefaultReview_OneApprovalApproves()
    {
        var outcome = ReviewRules.Decide(Pending(), 2, UserRole.Reviewer, ReviewVerdict.Approve, "good", ReviewSettings.Default);

        Assert.True(outcome.Approved);
        Assert.Equal(ApplicationStatus.Approved, outcome.Status);
    }

    [Theory]
    [InlineData(ReviewVerdict.Deny, ApplicationStatus.Denied)]
    [InlineData(ReviewVerdict.Ask, ApplicationStatus.NeedsInfo)]
    public void Decide_DenyOrAsk_SetsTheStatusAndCreatesNoGrant(ReviewVerdict verdict, ApplicationStatus expected)
    {
        var outcome = ReviewRules.Decide(Pending(1, new DecisionFacts(2, ReviewVerdict.Approve, 1)), 3, UserRole.Reviewer, verdict, "because", Two);

        Assert.Null(outcome.Refusal);
        Assert.Equal(expected, outcome.Status);
        Assert.False(outcome.Approved);
    }

    [Fact]
    public void Decide_AfterResubmission_EarlierRoundsApprovalsAndVotesDoNotCount()
    {
        // Round 1: reviewer 2 approved, reviewer 3 asked for more; the applicant resubmitted (round 2).
        var application = Pending(2, new DecisionFacts(2, ReviewVerdict.Approve, 1), new DecisionFacts(3, ReviewVerdict.Ask, 1));

        var again = ReviewRules.Decide(application, 2, UserRole.Reviewer, ReviewVerdict.Approve, "still good", Two);

        Assert.Equal(0, application.Approvals);
        Assert.Null(again.Refusal);
        Assert.Equal((ApplicationStatus.Pending, 1, false), (again.Status, again.Approvals, again.Approved));
    }

    [Fact]
    public void CheckIdentity_BelowTiersLevel_NamesBothLevels()
    {
        var policy = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;
        var tier = policy.TiersByName["safety-research"];

        var problem = ReviewRules.CheckIdentity(IdentityLevel.Email, tier);

        Assert.NotNull(problem);
        Assert.Contains("'email'", problem, StringComparison.Ordinal);
        Assert.Null(ReviewRules.CheckIdentity(IdentityLevel.Affiliated, tier));
    }
}
