using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Identifiers;

namespace Tiergate.Core.Tests.Identity;

public sealed class IdentifierNormaliserTests
{
    [Theory]
    [InlineData("+44 20 7946 0000", "+442079460000")]
    [InlineData("0044 (20) 7946-0000", "+442079460000")]
    [InlineData("+1.415.555.0100", "+14155550100")]
    [InlineData("＋４４ ２０ ７９４６ ００００", "+442079460000")] // fullwidth digits and plus
    [InlineData("  +49 30 901820  ", "+4930901820")]
    public void Phone_InternationalForms_E164(string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormaliser.Normalise(IdentifierKind.Phone, input));
    }

    [Theory]
    [InlineData("020 7946 0000", "no country")]
    [InlineData("+44 20 7946 0000 ext 12", "digits")]
    [InlineData("+1-800-FLOWERS", "digits")]
    [InlineData("+12345", "8 to 15 digits")]
    [InlineData("+1234567890123456", "8 to 15 digits")]
    [InlineData("+44+2079460000", "no country")]
    [InlineData("+999 1234 5678", "international")]
    public void Phone_NationalOrMalformed_InvalidArgumentWithClearMessage(string input, string expectedWords)
    {
        var error = Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise(IdentifierKind.Phone, input));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains(expectedWords, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GB:123456789", "GB:123456789")]
    [InlineData("gb: 123 456-789", "GB:123456789")]
    [InlineData("de:c01x00t47", "DE:C01X00T47")]
    [InlineData("ＦＲ:ａｂ１２．３４/５", "FR:AB12345")]
    [InlineData("XK:P1234", "XK:P1234")]
    public void Document_CountryAndNumber_FoldedUpperCasedWithoutSeparators(string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormaliser.Normalise(IdentifierKind.Document, input));
    }

    [Theory]
    [InlineData("123456789", "CC:NUMBER")]
    [InlineData("ZZ:123", "ISO 3166-1")]
    [InlineData("GBR:123", "ISO 3166-1")]
    [InlineData("UK:123", "ISO 3166-1")]
    [InlineData("GB:", "empty")]
    [InlineData("GB:- -", "empty")]
    [InlineData("GB:12#34", "Latin letters and digits")]
    [InlineData("GB:ПАСПОРТ1", "Latin letters and digits")]
    public void Document_Malformed_InvalidArgument(string input, string expectedWords)
    {
        var error = Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise(IdentifierKind.Document, input));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains(expectedWords, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountryCodes_All_TheAssignedAlpha2CodesAndKosovo()
    {
        Assert.Equal(250, CountryCodes.All.Count);
        Assert.All(CountryCodes.All, c => Assert.Matches("^[A-Z]{2}$", c));
        Assert.DoesNotContain("UK", CountryCodes.All);
    }

    [Theory]
    [InlineData(IdentifierKind.Payment, "  fp_1AbC  ", "fp_1AbC")]
    [InlineData(IdentifierKind.Device, "Device 42", "Device 42")]
    public void Opaque_TrimmedAndOtherwiseKept(IdentifierKind kind, string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormaliser.Normalise(kind, input));
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::/48")]
    [InlineData("2001:DB8:ABCD:FFFF:1:2:3:4", "2001:db8:abcd::/48")]
    [InlineData("０.０.０.１", "0.0.0.0/24")]
    public void IpPrefix_Addresses_Slash24OrSlash48(string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormaliser.Normalise(IdentifierKind.IpPrefix, input));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]
    [InlineData("256.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("example.org")]
    [InlineData("203.0.113.0/24")]
    public void IpPrefix_ShorthandOrNotAnAddress_InvalidArgument(string input)
    {
        var error = Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise(IdentifierKind.IpPrefix, input));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData("AS64500", "AS64500")]
    [InlineData("as64500", "AS64500")]
    [InlineData("64500", "AS64500")]
    [InlineData("4294967295", "AS4294967295")]
    public void Asn_BothForms_Canonical(string input, string expected)
    {
        Assert.Equal(expected, IdentifierNormaliser.Normalise(IdentifierKind.Asn, input));
    }

    [Theory]
    [InlineData("AS0")]
    [InlineData("4294967296")]
    [InlineData("AS-1")]
    [InlineData("AS 64500x")]
    [InlineData("AS")]
    public void Asn_OutOfRangeOrMalformed_InvalidArgument(string input)
    {
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise(IdentifierKind.Asn, input)).Code);
    }

    [Theory]
    [InlineData("googlemail.com")]
    [InlineData("gmail.com")]
    public void EmailProviderRules_Gmail_DotsAndTagIgnoredAndOneDomain(string domain)
    {
        Assert.Equal("adalovelace@gmail.com", EmailProviderRules.Apply($"ada.love.lace+tiergate@{domain}"));
    }

    [Theory]
    [InlineData("ada.l+x@outlook.com", "ada.l@outlook.com")]
    [InlineData("ada.l+x@icloud.com", "ada.l@icloud.com")]
    [InlineData("ada.l+x@fastmail.com", "ada.l@fastmail.com")]
    [InlineData("ada.l+x@proton.me", "ada.l@proton.me")]
    [InlineData("ada.l+x@example.org", "ada.l+x@example.org")]
    [InlineData("+x@gmail.com", "+x@gmail.com")]
    [InlineData("no-at-sign", "no-at-sign")]
    public void EmailProviderRules_OtherProviders_TagOnlyOrUntouched(string input, string expected)
    {
        Assert.Equal(expected, EmailProviderRules.Apply(input));
    }

    public static TheoryData<IdentifierKind, string> Hostile()
    {
        var data = new TheoryData<IdentifierKind, string>();
        foreach (var kind in Enum.GetValues<IdentifierKind>())
        {
            data.Add(kind, new string('1', 1_000_000));
            data.Add(kind, "+44\u0000207946000");
            data.Add(kind, "GB:12\u200B34"); // zero-width space
            data.Add(kind, "AS\u202E64500"); // right-to-left override
            data.Add(kind, "+4420\uD800794600"); // lone high surrogate
            data.Add(kind, "\uDC00");
            data.Add(kind, "");
            data.Add(kind, "   ");
            data.Add(kind, "\u0007\u001b[31m");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Hostile), DisableDiscoveryEnumeration = true)] // kept whole: serialising the data would replace lone surrogates
    public void Normalise_HostileInput_InvalidArgumentNeverACrash(IdentifierKind kind, string input)
    {
        var error = Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise(kind, input));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.True(error.Message.Length < 200);
        Assert.DoesNotContain('\u0000', error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Fact]
    public void Normalise_Null_InvalidArgument()
    {
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise(IdentifierKind.Phone, null)).Code);
    }

    [Fact]
    public void Normalise_UnknownKind_InvalidArgument()
    {
        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => IdentifierNormaliser.Normalise((IdentifierKind)99, "x")).Code);
    }

    [Theory]
    [InlineData(IdentifierKind.Phone, "+442079460000")]
    [InlineData(IdentifierKind.Document, "GB:123456789")]
    [InlineData(IdentifierKind.IpPrefix, "203.0.113.0")]
    [InlineData(IdentifierKind.Asn, "AS64500")]
    public void Normalise_AlreadyNormalised_Idempotent(IdentifierKind kind, string input)
    {
        var once = IdentifierNormaliser.Normalise(kind, input);

        var twice = IdentifierNormaliser.Normalise(kind, kind == IdentifierKind.IpPrefix ? once.Split('/')[0] : once);

        Assert.Equal(once, twice);
    }

    [Fact]
    public void IsStrong_Kinds_DocumentPaymentPhoneEmailOnly()
    {
        Assert.Equal([IdentifierKind.Email, IdentifierKind.Phone, IdentifierKind.Document, IdentifierKind.Payment], Enum.GetValues<IdentifierKind>().Where(IdentifierNormaliser.IsStrong));
    }
}
