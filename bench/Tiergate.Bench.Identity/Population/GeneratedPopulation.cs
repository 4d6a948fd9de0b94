namespace Tiergate.Bench.Identity.Population;

/// <summary>The generator's output: the accounts to insert, the newcomers kept back for timing, and the truth.</summary>
/// <param name="Accounts">The population that is bulk-inserted and scored.</param>
/// <param name="Newcomers">Accounts drawn the same way but not inserted: the attach timing adds them one at a time.</param>
/// <param name="Rings">The planted rings (indices into <paramref name="Accounts"/>).</param>
internal sealed record GeneratedPopulation(PopulationOptions Options, IReadOnlyList<Account> Accounts, IReadOnlyList<Account> Newcomers, IReadOnlyList<Ring> Rings)
{
    public int IdentifierCount => Accounts.Sum(a => a.Identifiers.Count);
}
