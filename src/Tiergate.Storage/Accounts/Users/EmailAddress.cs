using System.Globalization;
using System.Text;
using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>
/// The one form of an email address that uniqueness and look-ups use: compatibility forms folded
/// (fullwidth and other NFKC variants become their plain letters; the form kept is the decomposed one,
/// NFKD, whose equality is exactly NFKC-equivalence), fully case folded (ß is ss), surrounding
/// whitespace and the domain's trailing dot removed. So <c>Ａｄａ@Example.ORG.</c> and
/// <c>ada@example.org</c> are one account. Characters that are invisible or ambiguous (controls, format characters such as
/// zero-width spaces, unassigned or private-use code points, inner whitespace) are refused rather
/// than kept, so no look-alike survives normalisation. Provider rules (Gmail's dots) are not applied.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 320;

    /// <summary>The normalised address; <see cref="ErrorCodes.InvalidArgument"/> when it is not one.</summary>
    public static string Normalise(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (TryNormalise(email) is { } normalised)
        {
            return normalised;
        }

        throw new TiergateException(ErrorCodes.InvalidArgument, $"'{Printable(email)}' is not an email address.");
    }

    /// <summary>The normalised address, or null when <paramref name="email"/> is not one.</summary>
    public static string? TryNormalise(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > 4 * MaxLength)
        {
            return null;
        }

        // Null when not valid Unicode (a lone surrogate): nothing to normalise.
        if (EmailFoldTable.Default.Fold(email)?.Trim() is not { } folded)
        {
            return null;
        }

        var at = folded.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != folded.LastIndexOf('@'))
        {
            return null;
        }

        var domain = folded[(at + 1)..];
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1]; // The DNS root: example.org. is example.org.
        }

        var result = folded[..at] + "@" + domain;
        return result.Length <= MaxLength && IsPlainDomain(domain) && AllAllowed(result) ? result : null;
    }

    private static bool IsPlainDomain(string domain) =>
        domain.Length > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal);

    private static bool AllAllowed(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            var refused = Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.SpaceSeparator
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (refused || Rune.IsWhiteSpace(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The input for an error message, with controls escaped so it cannot rewrite a terminal.</summary>
    private static string Printable(string email)
    {
        var shown = email.Length > 64 ? email[..64] + "…" : email;
        var text = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            _ = char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
                ? text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
                : text.Append(c);
        }

        return text.ToString();
    }
}
