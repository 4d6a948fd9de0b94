using Tiergate.Core.Policy;

namespace Tiergate.Core.Vetting;

/// <summary>
/// Decides, with no I/O, what a review decision does: only reviewers and admins review, never their own
/// application, each reviewer once per round, always with a reason; the approval that reaches the tier's
/// count approves, a denial closes, a request for information sends it back to the applicant.
/// </summary>
public static class ReviewRules
{
    public const int MaxReasonLength = 2000;

    public static ReviewOutcome Decide(ApplicationFacts application, long reviewerId, UserRole reviewerRole, ReviewVerdict verdict, string? reason, ReviewSettings review)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(review);
        if (reviewerRole is not (UserRole.Reviewer or UserRole.Admin))
        {
            return ReviewOutcome.Refuse(VettingErrors.NotAReviewer, "Only users with the reviewer or admin role may review applications.", application);
        }

        if (reviewerId == application.ApplicantId)
        {
            return ReviewOutcome.Refuse(VettingErrors.OwnApplication, "Nobody may review their own application.", application);
        }

        if (application.Status != ApplicationStatus.Pending)
        {
            return ReviewOutcome.Refuse(VettingErrors.ApplicationNotOpen, $"The application is {VettingNames.Of(application.Status)}; only pending applications are reviewed.", application);
        }

        if (application.Decisions.Any(d => d.ReviewerId == reviewerId && d.Round == application.Round))
        {
            return ReviewOutcome.Refuse(VettingErrors.AlreadyReviewed, "This reviewer already decided on this application; one reviewer counts once.", application);
        }

        if (VettingText.CheckReason(reason) is { } problem)
        {
            return ReviewOutcome.Refuse(VettingErrors.ReasonRequired, problem, application);
        }

        var approvals = application.Approvals;
        return verdict switch
        {
            ReviewVerdict.Approve when approvals + 1 >= review.Approvals => new(null, null, ApplicationStatus.Approved, approvals + 1, true),
            ReviewVerdict.Approve => new(null, null, ApplicationStatus.Pending, approvals + 1, false),
            ReviewVerdict.Deny => new(null, null, ApplicationStatus.Denied, approvals, false),
            _ => new(null, null, ApplicationStatus.NeedsInfo, approvals, false),
        };
    }

    /// <summary>Null when an account at <paramref name="identity"/> may apply for <paramref name="tier"/>; otherwise why not.</summary>
    public static string? CheckIdentity(IdentityLevel identity, TierConfig tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return identity >= tier.Identity
            ? null
            : $"Tier '{tier.Name}' requires identity level '{Identity.IdentityRequirement.Name(tier.Identity)}'; the applicant is at '{Identity.IdentityRequirement.Name(identity)}'. Verify the identity first.";
    }
}
