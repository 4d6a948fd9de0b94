using System.Globalization;
using System.Text;
using Tiergate.Core.Errors;

namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// The checks every identifier's text passes before its own rules: present, bounded (before any other work, so a
/// huge value costs nothing), valid Unicode (a lone surrogate is refused, not normalised), no invisible or ambiguous
/// characters (controls, format characters such as zero-width spaces, private-use or unassigned code points),
/// compatibility forms folded (NFKC: fullwidth digits become digits), surrounding whitespace trimmed.
/// Messages never repeat the value: identifiers are personal data and messages reach logs.
/// </summary>
internal static class IdentifierText
{
    public static string Clean(string? value, string what, int maxLength)
    {
        if (value is null)
        {
            throw Invalid($"{what} is missing.");
        }

        // NFKC can grow a string (one ligature, several letters), so the raw bound is generous and the folded one exact.
        if (value.Length > 4 * maxLength)
        {
            throw Invalid($"{what} is too long (at most {maxLength} characters).");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw Invalid($"{what} is not valid text (a broken surrogate pair).");
            }

            if (IsRefused(rune))
            {
                throw Invalid($"{what} holds an invisible or control character (U+{rune.Value:X4}).");
            }

            i += consumed - 1;
        }

        var folded = value.Normalize(NormalizationForm.FormKC).Trim();
        if (folded.Length == 0)
        {
            throw Invalid($"{what} is empty.");
        }

        if (folded.Length > maxLength)
        {
            throw Invalid($"{what} is too long (at most {maxLength} characters).");
        }

        return folded;
    }

    /// <summary>Printable ASCII (space to tilde) only: opaque vendor tokens never need more.</summary>
    public static string PrintableAscii(string? value, string what, int maxLength)
    {
        var cleaned = Clean(value, what, maxLength);
        foreach (var c in cleaned)
        {
            if (c is < ' ' or > '~')
            {
                throw Invalid($"{what} may hold printable ASCII characters only.");
            }
        }

        return cleaned;
    }

    public static TiergateException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);

    private static bool IsRefused(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
