using Tiergate.Core.Identity.Vendors;

namespace Tiergate.Core.Tests.Identity;

/// <summary>identity.affiliation_domains: a listed domain and its subdomains, on a label boundary, never look-alikes.</summary>
public sealed class AffiliationDomainsTests
{
    private readonly AffiliationDomains _domains = new(["ox.ac.uk", "MPG.de.", "münchen.de"]);

    [Theory]
    [InlineData("ada@ox.ac.uk", "ox.ac.uk")]
    [InlineData("ada@cs.ox.ac.uk", "ox.ac.uk")]
    [InlineData("ada@deep.cs.ox.ac.uk", "ox.ac.uk")]
    [InlineData("Ada@CS.OX.AC.UK", "ox.ac.uk")]
    [InlineData("ada@ox.ac.uk.", "ox.ac.uk")]
    [InlineData("ada@tuebingen.mpg.de", "mpg.de")]
    [InlineData("ada@xn--mnchen-3ya.de", "xn--mnchen-3ya.de")]
    [InlineData("ada@lab.münchen.de", "xn--mnchen-3ya.de")]
    public void Match_ListedDomainOrSubdomain_ThatDomain(string email, string expected)
    {
        Assert.Equal(expected, _domains.Match(email));
    }

    [Theory]
    [InlineData("eve@evil-ox.ac.uk")]
    [InlineData("eve@evilox.ac.uk")]
    [InlineData("eve@ox.ac.uk.evil.example")]
    [InlineData("eve@ac.uk")]
    [InlineData("eve@cs.ox.ac.uk@evil.example")]
    [InlineData("ox.ac.uk")]
    [InlineData("@ox.ac.uk")]
    [InlineData("eve@")]
    [InlineData("")]
    [InlineData(null)]
    public void Match_LookalikeOrNotAnAddress_Null(string? email)
    {
        Assert.Null(_domains.Match(email));
    }

    [Fact]
    public void Match_NoDomainsListed_NeverMatches()
    {
        Assert.True(AffiliationDomains.None.IsEmpty);
        Assert.Null(AffiliationDomains.None.Match("ada@ox.ac.uk"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("under_score.org")]
    public void Constructor_NotADomainName_Throws(string domain)
    {
        Assert.Throws<ArgumentException>(() => new AffiliationDomains([domain]));
    }
}
