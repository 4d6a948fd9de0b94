using PhoneNumbers;

namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// A phone number in E.164 (<c>+442079460000</c>), parsed with libphonenumber. Only international forms are
/// accepted (<c>+CC…</c> or <c>00CC…</c>, with spaces, dashes, dots, slashes or brackets between digits): a national
/// number without its country could belong to any of them. Letters (vanity numbers) and extensions are refused.
/// </summary>
public static class PhoneIdentifier
{
    public const int MaxLength = 40;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string Normalise(string? value)
    {
        var text = IdentifierText.Clean(value, "The phone number", MaxLength);
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '/' or '(' or ')' or '+'))
            {
                throw IdentifierText.Invalid("The phone number may hold digits, '+', spaces, dashes, dots, slashes and brackets only.");
            }
        }

        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        if (!text.StartsWith('+') || text.LastIndexOf('+') != 0)
        {
            throw IdentifierText.Invalid("The phone number has no country: write it in international form, +CC followed by the number (e.g. +1 202 555 0143).");
        }

        var digits = text.Count(char.IsAsciiDigit);
        if (digits is < 8 or > 15)
        {
            throw IdentifierText.Invalid("The phone number must have 8 to 15 digits with its country code (E.164).");
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(text, "ZZ");
        }
        catch (NumberParseException)
        {
            throw IdentifierText.Invalid("The phone number is not an international number (+CC followed by the number).");
        }

        if (!Util.IsPossibleNumber(number))
        {
            throw IdentifierText.Invalid("The phone number is not a possible number for its country code.");
        }

        return Util.Format(number, PhoneNumberFormat.E164);
    }
}
