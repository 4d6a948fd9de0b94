using Tiergate.Core.Errors;

namespace Tiergate.Core.Vetting;

/// <summary>What a review decision does, or why it is refused (<see cref="Refusal"/> set, nothing changes).</summary>
/// <param name="Status">The application's status after the decision.</param>
/// <param name="Approvals">Approvals counted in the current round after the decision.</param>
/// <param name="Approved">True for the decision that reaches the tier's count: the caller creates the grant.</param>
public sealed record ReviewOutcome(ErrorCode? Refusal, string? Message, ApplicationStatus Status, int Approvals, bool Approved)
{
    public bool Refused => Refusal is not null;

    public static ReviewOutcome Refuse(ErrorCode code, string message, ApplicationFacts application) =>
        new(code, message, application.Status, application.Approvals, false);
}
