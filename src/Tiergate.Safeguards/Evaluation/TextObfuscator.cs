using System.Text;

namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// Writes a text in one of the obfuscated forms people use to slip past keyword filters. Deterministic,
/// applied to the whole text, so a form's figure does not depend on a seed:
/// <list type="bullet">
/// <item><c>zero_width</c>: a zero-width space (U+200B) between every two letters of a word;</item>
/// <item><c>homoglyphs</c>: every Latin letter that has a Cyrillic look-alike written as it (a→а, e→е, o→о, …);</item>
/// <item><c>leetspeak</c>: after each word's first letter, a→4, e→3, i→1, o→0, s→5, t→7 (the form the
/// normaliser's obfuscation tests use: a word must still start with a letter);</item>
/// <item><c>spaced_letters</c>: a space between every two letters of a word, three between words.</item>
/// </list>
/// </summary>
public static class TextObfuscator
{
    public static IReadOnlyList<ObfuscationForm> AllForms { get; } = Enum.GetValues<ObfuscationForm>();

    /// <summary>The form's name in reports and on the command line: <c>plain</c>, <c>zero_width</c>, <c>homoglyphs</c>, <c>leetspeak</c>, <c>spaced_letters</c>.</summary>
    public static string Name(ObfuscationForm form) => form switch
    {
        ObfuscationForm.Plain => "plain",
        ObfuscationForm.ZeroWidth => "zero_width",
        ObfuscationForm.Homoglyphs => "homoglyphs",
        ObfuscationForm.Leetspeak => "leetspeak",
        ObfuscationForm.SpacedLetters => "spaced_letters",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    public static string Apply(ObfuscationForm form, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return form switch
        {
            ObfuscationForm.Plain => text,
            ObfuscationForm.ZeroWidth => BetweenLetters(text, "\u200B", " "),
            ObfuscationForm.Homoglyphs => Homoglyphs(text),
            ObfuscationForm.Leetspeak => Leetspeak(text),
            ObfuscationForm.SpacedLetters => BetweenLetters(text, " ", "   "),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
    }

    private static readonly Dictionary<char, char> Lookalikes = new()
    {
        ['a'] = '\u0430', ['c'] = '\u0441', ['e'] = '\u0435', ['i'] = '\u0456', ['j'] = '\u0458', ['o'] = '\u043E',
        ['p'] = '\u0440', ['s'] = '\u0455', ['x'] = '\u0445', ['y'] = '\u0443',
        ['A'] = '\u0410', ['B'] = '\u0412', ['C'] = '\u0421', ['E'] = '\u0415', ['H'] = '\u041D', ['K'] = '\u041A',
        ['M'] = '\u041C', ['O'] = '\u041E', ['P'] = '\u0420', ['T'] = '\u0422', ['X'] = '\u0425',
    };

    private static readonly Dictionary<char, char> Leet = new()
    {
        ['a'] = '4', ['e'] = '3', ['i'] = '1', ['o'] = '0', ['s'] = '5', ['t'] = '7',
        ['A'] = '4', ['E'] = '3', ['I'] = '1', ['O'] = '0', ['S'] = '5', ['T'] = '7',
    };

    private static string Homoglyphs(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Lookalikes.TryGetValue(chars[i], out var lookalike))
            {
                chars[i] = lookalike;
            }
        }

        return new string(chars);
    }

    private static string Leetspeak(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 1; i < chars.Length; i++)
        {
            // Only inside a word: the letter before is a letter (or a digit this loop just wrote).
            if (char.IsLetterOrDigit(chars[i - 1]) && Leet.TryGetValue(chars[i], out var digit))
            {
                chars[i] = digit;
            }
        }

        return new string(chars);
    }

    /// <summary>Writes <paramref name="inside"/> between two letters (or digits) and <paramref name="between"/> for each space.</summary>
    private static string BetweenLetters(string text, string inside, string between)
    {
        var sb = new StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                sb.Append(between);
                continue;
            }

            sb.Append(c);
            if (i + 1 < text.Length && char.IsLetterOrDigit(c) && char.IsLetterOrDigit(text[i + 1]) && !char.IsHighSurrogate(c))
            {
                sb.Append(inside);
            }
        }

        return sb.ToString();
    }
}
