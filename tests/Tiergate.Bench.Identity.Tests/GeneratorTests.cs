using Tiergate.Bench.Identity.Population;
using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Tests;

public sealed class GeneratorTests
{
    private static readonly GeneratedPopulation Small = Generator.Generate(new PopulationOptions { Accounts = 5_000, Newcomers = 50, Seed = 3 });

    [Fact]
    public void Generate_SameSeed_SamePopulation()
    {
        var again = Generator.Generate(new PopulationOptions { Accounts = 5_000, Newcomers = 50, Seed = 3 });
        Assert.Equal(Small.Accounts.Select(a => (a.Email, a.PersonId, a.Identifiers.Count)), again.Accounts.Select(a => (a.Email, a.PersonId, a.Identifiers.Count)));
        Assert.Equal(Small.Accounts[1234].Identifiers, again.Accounts[1234].Identifiers);
    }

    [Fact]
    public void Generate_OtherSeed_OtherPopulation()
    {
        var other = Generator.Generate(new PopulationOptions { Accounts = 5_000, Newcomers = 50, Seed = 4 });
        Assert.NotEqual(Small.Accounts.Select(a => a.Email), other.Accounts.Select(a => a.Email));
    }

    [Fact]
    public void Generate_Counts_AccountsAndNewcomersAsAsked()
    {
        Assert.Equal(5_000, Small.Accounts.Count);
        Assert.Equal(50, Small.Newcomers.Count);
        Assert.Equal(Enumerable.Range(0, 5_000), Small.Accounts.Select(a => a.Index));
    }

    [Fact]
    public void Generate_Emails_UniqueAsTheUsersTableNeeds()
    {
        var all = Small.Accounts.Concat(Small.Newcomers).Select(a => a.Email.ToLowerInvariant()).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void Generate_DifferentPeople_NeverShareAMailbox()
    {
        var owners = Small.Accounts.GroupBy(a => EmailBook.Mailbox(a.Email)).Select(g => g.Select(a => a.PersonId).Distinct().Count());
        Assert.All(owners, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Generate_Rings_OnePersonSeveralAccountsNoneHoldingEverything()
    {
        Assert.Contains(Small.Rings, r => r.Design == RingDesign.Strong && r.SharesStrong);
        foreach (var ring in Small.Rings)
        {
            var accounts = ring.Accounts.Select(i => Small.Accounts[i]).ToList();
            Assert.Single(accounts.Select(a => a.PersonId).Distinct());
            Assert.All(accounts, a => Assert.Equal(ring.Id, a.RingId));
            var union = accounts.SelectMany(a => a.Identifiers.Where(i => i.Kind != IdentifierKind.Email && i.Kind != IdentifierKind.Asn).Select(i => i.Truth)).ToHashSet();
            Assert.All(accounts, a => Assert.True(a.Identifiers.Count(i => union.Contains(i.Truth)) < union.Count || union.Count <= 1));
        }
    }

    [Fact]
    public void Generate_WeakOnlyRings_ShareNoStrongIdentifier()
    {
        var weak = Small.Rings.Where(r => r.Design == RingDesign.WeakOnly).ToList();
        Assert.NotEmpty(weak);
        foreach (var ring in weak)
        {
            var strong = ring.Accounts.SelectMany(i => Small.Accounts[i].Identifiers.Where(x => x.IsStrong).Select(x => x.Truth));
            Assert.False(ring.SharesStrong);
            Assert.Equal(strong.Count(), strong.Distinct().Count());
        }
    }

    [Fact]
    public void Generate_RingDocuments_WrittenInSeveralForms()
    {
        var forms = Small.Rings.Where(r => r.Size >= 10)
            .SelectMany(r => r.Accounts.SelectMany(i => Small.Accounts[i].Identifiers.Where(x => x.Kind == IdentifierKind.Document)))
            .GroupBy(x => x.Truth).Select(g => g.Select(x => x.Raw).Distinct().Count());
        Assert.Contains(forms, n => n >= 2);
    }

    [Fact]
    public void Generate_Noise_SharedNetworksAndHouseholdPhones()
    {
        var prefixHolders = Small.Accounts.SelectMany(a => a.Identifiers.Where(i => i.Kind == IdentifierKind.IpPrefix).Select(i => i.Truth).Distinct())
            .GroupBy(t => t).Max(g => g.Count());
        Assert.True(prefixHolders >= 100, $"largest /24 or /48 holds {prefixHolders} accounts");
        var householdPhones = Small.Accounts.Where(a => a.HouseholdId >= 0)
            .SelectMany(a => a.Identifiers.Where(i => i.Kind == IdentifierKind.Phone).Select(i => (a.HouseholdId, i.Truth, a.PersonId)))
            .GroupBy(x => (x.HouseholdId, x.Truth)).Count(g => g.Select(x => x.PersonId).Distinct().Count() >= 2);
        Assert.True(householdPhones > 0);
    }
}
