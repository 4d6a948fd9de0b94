using System.Globalization;
using System.Text;
using Tiergate.Core.Errors;

namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// The checks every identifier's text passes before its own rules: present, bounded (before any other work, so a
/// huge value costs nothing), valid Unicode (a lone surrogate is refused, not normalised), no invisible or ambiguous
/// characters (controls, format characters such as zero-width spaces, private-use or unassigned code points),
/// compatibility forms folded as NFKC folds them for the characters identifiers use (fullwidth ASCII becomes ASCII,
/// the ideographic space a space, every Unicode decimal digit its ASCII digit: the build runs with invariant
/// globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text as it is), surrounding whitespace trimmed.
/// Other compatibility characters (circled digits, ligatures) are kept and then refused by each kind's own rules.
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

        // Bounded before any other work; the raw bound is generous (surrounding spaces), the folded one exact.
        if (value.Length > 4 * maxLength)
        {
            throw Invalid($"{what} is too long (at most {maxLength} characters).");
        }

        var folded = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done || rune.Value == 0xFFFD)
            {
                throw Invalid($"{what} is not valid text (a broken surrogate pair or a replacement character).");
            }

            if (IsRefused(rune))
            {
                throw Invalid($"{what} holds an invisible or control character (U+{rune.Value:X4}).");
            }

            Fold(rune, folded);
            i += consumed - 1;
        }

        var text = folded.ToString().Trim();
        if (text.Length == 0)
        {
            throw Invalid($"{what} is empty.");
        }

        if (text.Length > maxLength)
        {
            throw Invalid($"{what} is too long (at most {maxLength} characters).");
        }

        return text;
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

    /// <summary>What NFKC makes of the characters identifiers use.</summary>
    private static void Fold(Rune rune, StringBuilder output)
    {
        var value = rune.Value;
        if (value is >= 0xFF01 and <= 0xFF5E)
        {
            output.Append((char)(value - 0xFEE0)); // fullwidth ASCII
        }
        else if (value == 0x3000)
        {
            output.Append(' '); // ideographic space
        }
        else if (value > 0x7F && Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
        {
            output.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        }
        else
        {
            output.Append(rune.ToString());
        }
    }

    public static TiergateException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);

    private static bool IsRefused(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
