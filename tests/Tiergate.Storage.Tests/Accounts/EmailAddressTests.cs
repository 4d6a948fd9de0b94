using Tiergate.Core.Errors;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Tests.Accounts;

/// <summary>One normal form per address, so that look-alike spellings cannot open a second account.</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.org")]
    [InlineData("ADA@EXAMPLE.ORG")]
    [InlineData("  Ada@Example.org\t")]
    [InlineData("\u3000ada@example.org\u3000")] // ideographic spaces around it
    [InlineData("ａｄａ@ｅｘａｍｐｌｅ.ｏｒｇ")] // fullwidth letters
    [InlineData("ＡＤＡ＠ＥＸＡＭＰＬＥ．ＯＲＧ")] // fullwidth capitals, at sign and full stop
    [InlineData("ada@example.org.")] // the DNS root's trailing dot
    [InlineData("Ada@EXAMPLE.ORG.")]
    public void Normalise_LookAlikeSpellings_GiveOneAddress(string spelling)
    {
        Assert.Equal("ada@example.org", EmailAddress.Normalise(spelling));
    }

    [Theory]
    [InlineData("ſam@example.org", "sam@example.org")] // long s
    [InlineData("\u212Aate@example.org", "kate@example.org")] // Kelvin sign
    [InlineData("STRASSE@example.de", "strasse@example.de")]
    [InlineData("straße@example.de", "strasse@example.de")] // full case folding
    [InlineData("jos\u00E9@example.org", "jose\u0301@example.org")] // precomposed and decomposed é are one address
    [InlineData("jose\u0301@example.org", "jose\u0301@example.org")]
    [InlineData("JOS\u00C9@example.org", "jose\u0301@example.org")]
    [InlineData("\uD55C@example.kr", "\u1112\u1161\u11AB@example.kr")] // Hangul syllable, decomposed by formula
    [InlineData("a\u0323\u0307@example.org", "a\u0323\u0307@example.org")] // marks in canonical order
    [InlineData("a\u0307\u0323@example.org", "a\u0323\u0307@example.org")]
    [InlineData("ΣΟΦΙΑ@EXAMPLE.GR", "σοφια@example.gr")]
    [InlineData("σοφιας@example.gr", "σοφιασ@example.gr")] // final sigma folds to sigma
    [InlineData("ﬁona@example.org", "fiona@example.org")] // ligature
    public void Normalise_CompatibilityAndCaseVariants_Fold(string spelling, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalise(spelling));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.org")]
    [InlineData("ada@")]
    [InlineData("ada@example")]
    [InlineData("ada@@example.org")]
    [InlineData("ada@example..org")]
    [InlineData("ada@.example.org")]
    [InlineData("ada@example.org..")]
    [InlineData("a da@example.org")]
    [InlineData("a\u200Bda@example.org")] // zero-width space
    [InlineData("a\u00ADda@example.org")] // soft hyphen
    [InlineData("ada\u202E@example.org")] // right-to-left override
    [InlineData("a\u0007da@example.org")]
    [InlineData("a\uE000da@example.org")] // private use
    [InlineData("a\u0378da@example.org")] // unassigned
    public void Normalise_NotAnAddressOrInvisibleCharacters_ThrowsInvalidArgument(string input)
    {
        var error = Assert.Throws<TiergateException>(() => EmailAddress.Normalise(input));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Null(EmailAddress.TryNormalise(input));
        Assert.DoesNotContain('\u0007', error.Message);
        Assert.DoesNotContain('\u202E', error.Message);
    }

    [Fact]
    public void Normalise_LoneSurrogate_ThrowsInvalidArgument()
    {
        var input = "a" + '\uD800' + "da@example.org";

        Assert.Equal(ErrorCodes.InvalidArgument, Assert.Throws<TiergateException>(() => EmailAddress.Normalise(input)).Code);
    }

    [Fact]
    public void Normalise_TooLong_ThrowsInvalidArgument()
    {
        Assert.Null(EmailAddress.TryNormalise(new string('a', EmailAddress.MaxLength) + "@example.org"));
        Assert.Null(EmailAddress.TryNormalise(new string('a', 100_000) + "@example.org"));
    }

    [Fact]
    public void Normalise_EveryBmpCharacterInTheLocalPart_IsIdempotent()
    {
        // The re-index relies on it: an address already in normal form must keep its index.
        var failures = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var input = "a" + (char)c + "b@example.org";
            if (EmailAddress.TryNormalise(input) is { } once && EmailAddress.TryNormalise(once) != once)
            {
                failures.Add($"U+{c:X4}");
            }
        }

        Assert.Empty(failures);
    }
}
