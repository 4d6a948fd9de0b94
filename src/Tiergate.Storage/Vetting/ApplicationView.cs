namespace Tiergate.Storage.Vetting;

/// <summary>An application as reviewers and operators see it.</summary>
/// <param name="Approvals">Approvals in the current round.</param>
/// <param name="ApprovalsRequired">The tier's <c>review.approvals</c>.</param>
/// <param name="Flags">What a reviewer should look at: <c>identity_below_tier</c>, <c>new_account</c>, <c>prior_denials</c>, <c>linked_account_banned</c> and <c>linked_account_denied</c> (another account of the applicant's cluster is banned, or was denied).</param>
public sealed record ApplicationView(
    long Id,
    string User,
    string Tier,
    string Status,
    int Round,
    int Approvals,
    int ApprovalsRequired,
    string UseCase,
    string? Affiliation,
    IReadOnlyList<string> Links,
    string PolicyId,
    string PolicyVersion,
    DateTimeOffset AcceptedAt,
    DateTimeOffset CreatedAt,
    long? GrantId,
    IReadOnlyList<string> Flags,
    IReadOnlyList<DecisionView> Decisions);
