using System.Text;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>The adversarial corpus's kinds (bench/corpus/generate-adversarial.py) as UTF-8 of a given length, deterministic.</summary>
internal static class HostileText
{
    public const string Spaced = "spaced";
    public const string Digits = "digits";
    public const string Leet = "leet";
    public const string Homoglyphs = "homoglyphs";
    public const string OneWord = "one-word";

    public static byte[] Make(string kind, int bytes)
    {
        var random = new Random(17);
        var text = new StringBuilder(bytes + 16);
        while (text.Length < bytes)
        {
            switch (kind)
            {
                case Spaced: // s.a.r.i.n for megabytes
                    text.Append((char)('a' + random.Next(26))).Append(".-_* /"[random.Next(6)]);
                    break;
                case Digits: // one digit run with no separator
                    text.Append((char)('0' + random.Next(10)));
                    break;
                case Leet: // h4x0r words and leet symbols
                    text.Append("h4x0r 5up3r @$!| 7h3 1337 "[random.Next(26)]);
                    break;
                case Homoglyphs: // Cyrillic and fullwidth look-alikes with zero-width joiners
                    text.Append("аеорсхｓ\u200b\u200dab"[random.Next(11)]);
                    break;
                case OneWord: // one letter word as long as the text
                    text.Append((char)('a' + random.Next(26)));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
        }

        var utf8 = Encoding.UTF8.GetBytes(text.ToString());
        var cut = Math.Min(bytes, utf8.Length);
        while (cut < utf8.Length && (utf8[cut] & 0xC0) == 0x80)
        {
            cut--; // not inside a character
        }

        return utf8[..cut];
    }
}
