using Tiergate.Core.Errors;

namespace Tiergate.Core.Vetting;

/// <summary>Errors of applications and their review (ids and names are a public contract).</summary>
public static class VettingErrors
{
    public static readonly ErrorCode UnknownApplication = new("TG2030", "unknown_application", 404, ErrorTypes.NotFound, "No application has this id.");
    public static readonly ErrorCode DuplicateApplication = new("TG2031", "duplicate_application", 409, ErrorTypes.Conflict, "The user already has an open application (pending or needs-info) for this tier, or an active grant of it that is not within 14 days of expiry.");
    public static readonly ErrorCode ApplicationIdentityInsufficient = new("TG2032", "application_identity_insufficient", 409, ErrorTypes.Conflict, "The user's identity level is below what the tier requires; record an identity check (users verify) first.");
    public static readonly ErrorCode NotAReviewer = new("TG2033", "not_a_reviewer", 403, ErrorTypes.Permission, "Only users with the reviewer or admin role may review applications.");
    public static readonly ErrorCode OwnApplication = new("TG2034", "own_application", 403, ErrorTypes.Permission, "Nobody may review their own application.");
    public static readonly ErrorCode AlreadyReviewed = new("TG2035", "already_reviewed", 409, ErrorTypes.Conflict, "This reviewer already decided on this application (in its current round); one reviewer counts once.");
    public static readonly ErrorCode ApplicationNotOpen = new("TG2036", "application_not_open", 409, ErrorTypes.Conflict, "The application is not in a state that allows this: only pending applications are reviewed, only needs-info ones are resubmitted; approved and denied are final.");
    public static readonly ErrorCode ReasonRequired = new("TG2037", "reason_required", 400, ErrorTypes.InvalidRequest, "Every review decision needs a written reason (1 to 2000 characters).");
    public static readonly ErrorCode KeyTierNotHeld = new("TG2038", "key_tier_not_held", 409, ErrorTypes.Conflict, "A key was to be scoped to a tier the user does not actively hold.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(VettingErrors));
}
