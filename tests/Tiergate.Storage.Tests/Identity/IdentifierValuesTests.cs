using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Storage.Tests.Identity;

public sealed class IdentifierValuesTests
{
    [Theory]
    [InlineData("Ada.Lovelace+x@GoogleMail.com.", "adalovelace@gmail.com")]
    [InlineData("ａｄａ.l+y@gmail.com", "adal@gmail.com")]
    [InlineData(" Ada.L+y@Outlook.com ", "ada.l@outlook.com")]
    [InlineData("Ada.L+y@Example.ORG", "ada.l+y@example.org")]
    public void Normalise_Email_AccountRulesThenProviderRules(string input, string expected)
    {
        Assert.Equal(expected, IdentifierValues.Normalise(IdentifierKind.Email, input));
    }

    [Theory]
    [InlineData("ada\u200B@gmail.com")]
    [InlineData("no-at-sign")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalise_HostileEmail_InvalidArgument(string? input)
    {
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => IdentifierValues.Normalise(IdentifierKind.Email, input)).Code);
    }

    [Fact]
    public void Normalise_EmailWithLoneSurrogate_InvalidArgument()
    {
        // Not theory data: serialising it would replace the lone surrogate.
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => IdentifierValues.Normalise(IdentifierKind.Email, "ada@gmail\uD800.com")).Code);
    }

    [Fact]
    public void Normalise_HugeEmail_InvalidArgumentQuickly()
    {
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => IdentifierValues.Normalise(IdentifierKind.Email, new string('a', 5_000_000) + "@gmail.com")).Code);
    }

    [Fact]
    public void Shown_Hash_TwelveHexDigits()
    {
        Assert.Equal("0123456789ab", IdentifierValues.Shown("0123456789abcdef0123"));
    }

    [Theory]
    [InlineData(IdentifierKind.Device, 2, 0.6)]
    [InlineData(IdentifierKind.Device, 3, 0.3)]
    [InlineData(IdentifierKind.IpPrefix, 51, 0)] // past MaxWeakHolders
    [InlineData(IdentifierKind.IpPrefix, 41, 0.0075)]
    [InlineData(IdentifierKind.Asn, 1, 0)]
    public void Weak_SharedByMore_CountsForLess(IdentifierKind kind, int holders, double expected)
    {
        Assert.Equal(expected, LinkWeights.Weak(kind, holders), 4);
    }
}
