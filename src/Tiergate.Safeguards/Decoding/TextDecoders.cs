using System.Net;
using System.Text;

namespace Tiergate.Safeguards.Decoding;

/// <summary>
/// One decoder per disguise. Each returns null when the text holds nothing it decodes. Each is one pass over
/// the text (runs found by hand, no regular expression), so time stays linear whatever the text holds.
/// </summary>
internal static class TextDecoders
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Runs of 16 or more base64 characters (standard or URL-safe alphabet) that decode to readable text, decoded in place.</summary>
    public static string? Base64(string text) =>
        ReplaceRuns(text, IsBase64Char, 16, run => DecodeBase64(run));

    /// <summary>Runs of hex byte pairs (optionally <c>\x</c>/<c>0x</c>-prefixed or separated by spaces, colons or commas) that decode to readable text.</summary>
    public static string? Hex(string text) =>
        ReplaceRuns(text, c => char.IsAsciiHexDigit(c) || c is ' ' or ':' or ',' or '\\' or 'x' or 'X', 12, DecodeHex);

    /// <summary>Percent-escapes decoded when the text holds at least two.</summary>
    public static string? Url(string text)
    {
        var escapes = 0;
        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0 && i + 2 < text.Length && escapes < 2; i = text.IndexOf('%', i + 1))
        {
            escapes += char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]) ? 1 : 0;
        }

        if (escapes < 2)
        {
            return null;
        }

        try
        {
            var decoded = Uri.UnescapeDataString(text.Replace('+', ' '));
            return decoded == text ? null : decoded;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>HTML character references and entities decoded.</summary>
    public static string? Html(string text)
    {
        var amp = text.IndexOf('&', StringComparison.Ordinal);
        if (amp < 0 || text.IndexOf(';', amp) < 0)
        {
            return null;
        }

        var decoded = WebUtility.HtmlDecode(text);
        return decoded == text ? null : decoded;
    }

    public static string? Rot13(string text)
    {
        var letters = 0;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= 'a' and <= 'z')
            {
                chars[i] = (char)('a' + ((c - 'a' + 13) % 26));
                letters++;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                chars[i] = (char)('A' + ((c - 'A' + 13) % 26));
                letters++;
            }
        }

        return letters >= 4 ? new string(chars) : null;
    }

    /// <summary>The text read backwards (a surrogate pair stays whole).</summary>
    public static string? Reversed(string text)
    {
        if (text.Length < 4)
        {
            return null;
        }

        return string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var j = source.Length - 1 - i;
                if (char.IsLowSurrogate(source[i]) && i > 0 && char.IsHighSurrogate(source[i - 1]))
                {
                    // Written as the pair's second half when the high surrogate was placed.
                    continue;
                }

                if (char.IsHighSurrogate(source[i]) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    chars[j - 1] = source[i];
                    chars[j] = source[i + 1];
                    continue;
                }

                chars[j] = source[i];
            }
        });
    }

    /// <summary>
    /// Capital Cyrillic and Greek letters that look like Latin ones ("Мarburg", "Н5N1"), read as Latin inside
    /// words that also hold a Latin letter. The normaliser folds lower-case lookalikes, but folds case first,
    /// and the lower-case forms of these capitals (м, н, к, ...) look like no Latin letter.
    /// </summary>
    public static string? LatinLookalikes(string text)
    {
        char[]? chars = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var latin = false;
            var lookalike = false;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                latin |= char.IsAsciiLetter(text[i]);
                lookalike |= CapitalLookalikes.Contains(text[i]);
                i++;
            }

            if (!latin || !lookalike)
            {
                continue;
            }

            chars ??= text.ToCharArray();
            for (var k = start; k < i; k++)
            {
                var at = CapitalLookalikes.IndexOf(chars[k], StringComparison.Ordinal);
                if (at >= 0)
                {
                    chars[k] = LatinOfLookalikes[at];
                }
            }
        }

        return chars is null ? null : new string(chars);
    }

    private static bool HasSpelledRun(string text)
    {
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var single = char.IsLetterOrDigit(text[i]) && (i == 0 || text[i - 1] == ' ') && (i + 1 == text.Length || text[i + 1] == ' ');
            if (single)
            {
                if (++run >= 4)
                {
                    return true;
                }

                i++;
            }
            else if (text[i] != ' ' || (i + 1 < text.Length && text[i + 1] == ' '))
            {
                run = 0;
            }
        }

        return false;
    }

    // Cyrillic А В Е К М Н О Р С Т Х and Greek Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ, with the Latin capital each looks like.
    private const string CapitalLookalikes = "\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7";
    private const string LatinOfLookalikes = "ABEKMHOPCTXABEZHIKMNOPTYX";

    /// <summary>
    /// Letters spelt out one by one ("s a r i n   a t   h o m e"): where four or more single letters follow each
    /// other one space apart, those spaces go and every longer gap becomes one space. The normaliser already joins
    /// short runs; this reading also keeps the words apart when words are separated by a few spaces.
    /// </summary>
    public static string? SpacedLetters(string text)
    {
        // Most texts spell nothing out: find a run of four single chars first, without allocating.
        if (!HasSpelledRun(text))
        {
            return null;
        }

        var result = new StringBuilder(text.Length);
        var run = 0;
        var changed = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != ' ')
            {
                result.Append(c);
                i++;
                continue;
            }

            var gapEnd = i;
            while (gapEnd < text.Length && text[gapEnd] == ' ')
            {
                gapEnd++;
            }

            // Either side a one-char token ("s a r i n", and "m-9 0" in "s t r o n t i u m-9 0").
            var singleBefore = i >= 1 && char.IsLetterOrDigit(text[i - 1]) && (i == 1 || text[i - 2] == ' ');
            var singleAfter = gapEnd < text.Length && char.IsLetterOrDigit(text[gapEnd]) && (gapEnd + 1 == text.Length || text[gapEnd + 1] == ' ');
            var between = i >= 1 && char.IsLetterOrDigit(text[i - 1]) && gapEnd < text.Length && char.IsLetterOrDigit(text[gapEnd]);
            if (between && (singleBefore || singleAfter) && gapEnd - i == 1)
            {
                run++;
                changed |= run >= 3;
            }
            else
            {
                result.Append(' ');
                run = 0;
            }

            i = gapEnd;
        }

        return changed ? result.ToString() : null;
    }

    /// <summary>Removes runs of word-breaking marks (hyphens, underscores, asterisks, line breaks with their spacing) between two letters; a line break only before a lower-case letter.</summary>
    public static string? JoinBrokenWords(string text)
    {
        StringBuilder? result = null;
        var copied = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (!char.IsLetter(text[i - 1]) || !IsBreak(text[i]))
            {
                continue;
            }

            var end = i;
            var marks = 0;
            while (end < text.Length && end - i < 8 && (IsBreak(text[end]) || text[end] is ' ' or '\t'))
            {
                marks += IsBreak(text[end]) ? 1 : 0;
                end++;
            }

            if (marks == 0 || end >= text.Length || !char.IsLetter(text[end]) || (HasLineBreak(text, i, end) && !char.IsLower(text[end])))
            {
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, i - copied);
            copied = end;
            i = end;
        }

        return result?.Append(text, copied, text.Length - copied).ToString();

        static bool IsBreak(char c) => c is '-' or '\u2010' or '\u2011' or '_' or '*' or '\n' or '\r';

        // A line break before a capital starts a new sentence or item, not the rest of a word.
        static bool HasLineBreak(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny('\n', '\r') >= 0;
    }

    /// <summary>Each maximal run of <paramref name="member"/> chars at least <paramref name="minLength"/> long that <paramref name="decode"/> turns into text is replaced by it. One pass.</summary>
    private static string? ReplaceRuns(string text, Func<char, bool> member, int minLength, Func<string, string?> decode)
    {
        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!member(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && member(text[i]))
            {
                i++;
            }

            var end = i;
            while (end > start && text[end - 1] == ' ')
            {
                end--;
            }

            if (end - start < minLength || decode(text[start..end]) is not { } decoded)
            {
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, start - copied).Append(decoded).Append(' ');
            copied = end;
        }

        return result?.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-' or '=';

    private static string? DecodeHex(string run)
    {
        var digits = new StringBuilder(run.Length);
        for (var i = 0; i < run.Length; i++)
        {
            var c = run[i];
            if (c is 'x' or 'X')
            {
                // Only as a prefix: "\x41" or "0x41"; drop the "0" of "0x" already taken as a digit.
                if (i > 0 && run[i - 1] == '0' && digits.Length > 0 && (i < 2 || !char.IsAsciiHexDigit(run[i - 2])))
                {
                    digits.Length--;
                }

                continue;
            }

            if (char.IsAsciiHexDigit(c))
            {
                digits.Append(c);
            }
        }

        if (digits.Length < 8 || digits.Length % 2 != 0)
        {
            return null;
        }

        return Readable(Convert.FromHexString(digits.ToString()));
    }

    private static string? DecodeBase64(string run)
    {
        var value = run.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (value.Length % 4 == 1)
        {
            return null;
        }

        value = value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '=');
        var bytes = new byte[System.Buffers.Text.Base64.GetMaxDecodedFromUtf8Length(value.Length)];
        if (!Convert.TryFromBase64String(value, bytes, out var written))
        {
            return null;
        }

        return Readable(bytes.AsSpan(0, written));
    }

    /// <summary>The bytes as text when they are valid UTF-8 and read like words (mostly letters and spaces), else null.</summary>
    private static string? Readable(ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var letters = 0;
        var printable = 0;
        foreach (var c in text)
        {
            letters += char.IsLetter(c) ? 1 : 0;
            printable += char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? 0 : 1;
        }

        return text.Length >= 3 && printable == text.Length && letters * 2 >= text.Length ? text : null;
    }
}
