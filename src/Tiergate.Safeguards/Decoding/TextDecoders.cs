using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Tiergate.Safeguards.Decoding;

/// <summary>
/// One decoder per disguise. Each returns null when the text holds nothing it decodes. Every pattern is
/// matched with <see cref="RegexOptions.NonBacktracking"/>, so time stays linear in the text whatever it holds.
/// </summary>
internal static partial class TextDecoders
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex(@"[A-Za-z0-9+/_\-]{12,}={0,2}", RegexOptions.NonBacktracking)]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"((\\x|0x)?[0-9A-Fa-f]{2}[ :,]?){6,}", RegexOptions.NonBacktracking)]
    private static partial Regex HexRun();

    [GeneratedRegex(@"%[0-9A-Fa-f]{2}", RegexOptions.NonBacktracking)]
    private static partial Regex PercentByte();

    [GeneratedRegex(@"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});", RegexOptions.NonBacktracking)]
    private static partial Regex HtmlEntity();

    public static string? Base64(string text)
    {
        var changed = false;
        var result = Base64Run().Replace(text, m =>
        {
            var decoded = DecodeBase64(m.Value);
            changed |= decoded is not null;
            return decoded ?? m.Value;
        });
        return changed ? result : null;
    }

    public static string? Hex(string text)
    {
        var changed = false;
        var result = HexRun().Replace(text, m =>
        {
            var digits = new StringBuilder(m.Length);
            var value = m.Value.Replace("\\x", "", StringComparison.OrdinalIgnoreCase).Replace("0x", "", StringComparison.OrdinalIgnoreCase);
            foreach (var c in value)
            {
                if (char.IsAsciiHexDigit(c))
                {
                    digits.Append(c);
                }
            }

            if (digits.Length % 2 != 0)
            {
                return m.Value;
            }

            var bytes = Convert.FromHexString(digits.ToString());
            var decoded = Readable(bytes);
            changed |= decoded is not null;
            return decoded is null ? m.Value : decoded + " ";
        });
        return changed ? result : null;
    }

    public static string? Url(string text)
    {
        if (PercentByte().Count(text) < 2)
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

    public static string? Html(string text)
    {
        if (!HtmlEntity().IsMatch(text))
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

    /// <summary>Removes runs of word-breaking marks (hyphens, underscores, asterisks, dots, bars, slashes, line breaks with their spacing) between two letters.</summary>
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

            if (marks == 0 || end >= text.Length || !char.IsLetter(text[end]))
            {
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, i - copied);
            copied = end;
            i = end;
        }

        return result?.Append(text, copied, text.Length - copied).ToString();

        static bool IsBreak(char c) => c is '-' or '\u2010' or '\u2011' or '_' or '*' or '.' or '\u00B7' or '|' or '/' or '\\' or '\n' or '\r';
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
