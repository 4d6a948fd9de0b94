namespace Tiergate.Bench.Identity.Population;

/// <summary>A planted ring: one person's several accounts.</summary>
/// <param name="PlantedSize">Accounts planted; <see cref="Accounts"/> lacks those kept back as newcomers.</param>
/// <param name="SharesStrong">
/// What the accounts actually ended up sharing: true when at least two of them hold the same document, phone or
/// card or mailbox (a strong ring can, by chance, share none; a weak-only ring never does).
/// </param>
internal sealed record Ring(int Id, RingDesign Design, int PlantedSize, IReadOnlyList<int> Accounts, bool SharesStrong)
{
    public int Size => Accounts.Count;
}
