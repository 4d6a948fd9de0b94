using System.Globalization;
using System.Text;

namespace Tiergate.Safeguards.Normalization;

/// <summary>ASCII classification and the leetspeak letters digits and symbols stand for.</summary>
internal static class LeetTable
{
    private static readonly CharKind[] AsciiKinds = BuildKinds();
    private static readonly byte[] AsciiLetters = BuildLetters();

    /// <summary>Classifies a folded code point, lowering ASCII capitals in place.</summary>
    public static CharKind Classify(ref int codePoint)
    {
        if (codePoint < 0x80)
        {
            if ((uint)(codePoint - 'A') <= 'Z' - 'A')
            {
                codePoint += 32;
                return CharKind.Letter;
            }

            return AsciiKinds[codePoint];
        }

        if (!Rune.IsValid(codePoint))
        {
            return CharKind.Separator;
        }

        var rune = new Rune(codePoint);
        if (Rune.IsLetter(rune))
        {
            return CharKind.Letter;
        }

        if (Rune.IsDigit(rune))
        {
            return CharKind.Digit;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark
            ? CharKind.Letter
            : CharKind.Separator;
    }

    /// <summary>The letter a leet digit or symbol stands for, or the code point itself.</summary>
    public static int ToLetter(int codePoint) =>
        codePoint < 0x80 && AsciiLetters[codePoint] != 0 ? AsciiLetters[codePoint] : codePoint;

    /// <summary>Symbols that may open a word (<c>$arin</c>); others must sit between word characters.</summary>
    public static bool CanStartWord(int codePoint) => codePoint is '$' or '@';

    private static CharKind[] BuildKinds()
    {
        var kinds = new CharKind[0x80];
        for (var c = 'a'; c <= 'z'; c++)
        {
            kinds[c] = CharKind.Letter;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            kinds[c] = CharKind.Digit;
        }

        foreach (var c in "@$!|")
        {
            kinds[c] = CharKind.LeetSymbol;
        }

        return kinds;
    }

    private static byte[] BuildLetters()
    {
        var letters = new byte[0x80];
        void Map(char from, char to) => letters[from] = (byte)to;
        Map('0', 'o');
        Map('1', 'i');
        Map('3', 'e');
        Map('4', 'a');
        Map('5', 's');
        Map('7', 't');
        Map('8', 'b');
        Map('9', 'g');
        Map('@', 'a');
        Map('$', 's');
        Map('!', 'i');
        Map('|', 'l');
        return letters;
    }
}
