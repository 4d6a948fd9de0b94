using Tiergate.Bench.Identity.Population;
using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Tests;

/// <summary>Hand-made populations for the scorers: accounts given by person, ring, household and shared identifiers.</summary>
internal static class TinyPopulation
{
    public static Account Account(int index, int person, int ring = -1, int household = -1, params string[] truths) =>
        new(index, $"a{index}@example.org", person, ring, household,
            [new IdentifierValue(IdentifierKind.Email, $"a{index}@example.org", $"mailbox:a{index}"), .. truths.Select(Identifier)]);

    public static GeneratedPopulation Of(IReadOnlyList<Account> accounts, params Ring[] rings) =>
        new(new PopulationOptions { Accounts = accounts.Count, Newcomers = 0 }, accounts, [], rings);

    public static Ring Ring(int id, params int[] accounts) => new(id, RingDesign.Strong, accounts.Length, accounts, SharesStrong: true);

    public static Ring WeakRing(int id, params int[] accounts) => new(id, RingDesign.WeakOnly, accounts.Length, accounts, SharesStrong: false);

    private static IdentifierValue Identifier(string truth)
    {
        var kind = truth.Split(':')[0] switch
        {
            "phone" => IdentifierKind.Phone,
            "doc" => IdentifierKind.Document,
            "card" => IdentifierKind.Payment,
            "device" => IdentifierKind.Device,
            _ => IdentifierKind.IpPrefix,
        };
        return new IdentifierValue(kind, truth, truth);
    }
}
