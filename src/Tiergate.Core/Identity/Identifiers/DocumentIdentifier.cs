namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// An identity document number with its issuing country, <c>CC:NUMBER</c>: the country an ISO 3166-1 alpha-2 code
/// (any case), the number folded (as NFKC folds fullwidth characters and other scripts' digits), upper-cased, with spaces, dashes, dots and
/// slashes removed, then Latin letters and digits only. So <c>gb:１２３ ４５６-７８９</c> is <c>GB:123456789</c>.
/// </summary>
public static class DocumentIdentifier
{
    public const int MaxNumberLength = 40;

    public static string Normalise(string? value)
    {
        var text = IdentifierText.Clean(value, "The document", MaxNumberLength + 8);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw IdentifierText.Invalid("The document must be written CC:NUMBER, with its issuing country's ISO 3166-1 alpha-2 code (e.g. GB:123456789).");
        }

        var country = text[..colon].Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper) || !CountryCodes.IsAssigned(country))
        {
            throw IdentifierText.Invalid("The document's country is not an ISO 3166-1 alpha-2 code (e.g. GB, DE, US).");
        }

        var number = new string(text[(colon + 1)..].Where(c => c is not (' ' or '-' or '.' or '/')).ToArray()).ToUpperInvariant();
        if (number.Length == 0)
        {
            throw IdentifierText.Invalid("The document number is empty.");
        }

        if (number.Length > MaxNumberLength)
        {
            throw IdentifierText.Invalid($"The document number is too long (at most {MaxNumberLength} letters and digits).");
        }

        if (!number.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            throw IdentifierText.Invalid("The document number may hold Latin letters and digits only (separators are removed).");
        }

        return country + ":" + number;
    }
}
