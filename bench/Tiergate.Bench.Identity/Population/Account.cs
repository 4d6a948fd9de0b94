namespace Tiergate.Bench.Identity.Population;

/// <summary>One generated account and what the ground truth knows about it.</summary>
/// <param name="Index">Position in the population (0-based); the user id is assigned at insert.</param>
/// <param name="Email">The sign-in address as registered (unique as the users table requires).</param>
/// <param name="PersonId">The human behind it: equal for the accounts of one ring, distinct otherwise.</param>
/// <param name="RingId">The planted ring, or -1.</param>
/// <param name="HouseholdId">The household whose phone and home network it may share, or -1.</param>
/// <param name="Identifiers">Everything attached to the account, email included.</param>
internal sealed record Account(int Index, string Email, int PersonId, int RingId, int HouseholdId, IReadOnlyList<IdentifierValue> Identifiers)
{
    public bool Verified => Identifiers.Any(i => i.Kind == Tiergate.Core.Identity.IdentifierKind.Document);
}
