namespace Tiergate.Core.Identity;

/// <summary>How a recorded verification ended. Only <see cref="Verified"/> counts toward a level; the others are kept as evidence.</summary>
public enum VerificationOutcome
{
    Verified,

    /// <summary>The check ran and did not confirm the person (a vendor's <c>requires_input</c> or <c>declined</c>).</summary>
    Failed,

    /// <summary>Started (a vendor session was created) and not finished yet.</summary>
    Pending,

    /// <summary>Confirmed by the check, but refused by Tiergate: a banned identifier, or a document already on another account.</summary>
    Refused,
}
