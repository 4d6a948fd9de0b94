using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Tests.Normalization;

/// <summary>
/// A term and its obfuscated forms get the same verdict; benign text is not turned into a match;
/// the ASCII fast path and the UTF-8 path change nothing.
/// </summary>
public class ObfuscationPropertyTests
{
    private static readonly Lazy<TermMatcher> Defaults = new(() =>
        SafeguardDefaults.LoadTerms(SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory)!));

    private static readonly Dictionary<char, string> Confusables = new()
    {
        ['a'] = "\u0430", ['e'] = "\u0435", ['o'] = "\u043E", ['p'] = "\u0440", ['c'] = "\u0441",
        ['x'] = "\u0445", ['y'] = "\u0443", ['i'] = "\u0456", ['s'] = "\u0455",
    };

    private static readonly Dictionary<char, char> Leet = new()
    {
        ['a'] = '4', ['e'] = '3', ['i'] = '1', ['o'] = '0', ['s'] = '5', ['t'] = '7',
    };

    private static readonly string[] BenignWords =
    [
        "the", "a", "i", "is", "was", "we", "they", "cook", "bread", "river", "garden", "music", "happy", "blue",
        "quickly", "table", "window", "run", "read", "city", "school", "teacher", "paper", "market", "bright",
        "morning", "coffee", "summer", "travel", "friend", "2024", "3.14", "o", "k", "to", "be", "or", "not",
        "assassin", "ring", "vortex", "plagued", "toxic", "massive", "critical", "into", "hacker", "grid", "power",
    ];

    private static string[] SingleWordTerms() =>
        Defaults.Value.Terms.Select(t => t.Text).Where(t => t.Length >= 3 && t.All(char.IsAsciiLetterLower)).Distinct().ToArray();

    public static Arbitrary<(string Term, string Obfuscated)> ObfuscatedTerms()
    {
        var gen =
            from term in Gen.Elements(SingleWordTerms())
            from mode in Gen.Choose(0, 2)
            from separator in Gen.Elements(".", " ", "-", "_", " . ", "*")
            from seed in Gen.Choose(0, int.MaxValue)
            select (term, Obfuscate(term, mode, separator, new Random(seed)));
        return gen.ToArbitrary();
    }

    public static Arbitrary<string> BenignSentences()
    {
        var gen =
            from count in Gen.Choose(1, 25)
            from seed in Gen.Choose(0, int.MaxValue)
            select BenignSentence(count, new Random(seed));
        return gen.ToArbitrary();
    }

    public static Arbitrary<string> MixedText()
    {
        const string alphabet = "abcxyzABCXYZ0134579@$!|  .,-_\t\n:;'\"()\u0430\u0455\u00E9\u0301\u200B\u202E\uFF33\u00DF\uFB01\u4E2D";
        var gen =
            from length in Gen.Choose(0, 80)
            from seed in Gen.Choose(0, int.MaxValue)
            from astral in Gen.Elements(string.Empty, "\U0001D42C", "\U0001F600")
            select new string(Enumerable.Range(0, length).Select(i => alphabet[new Random(seed + i).Next(alphabet.Length)]).ToArray()) + astral;
        return gen.ToArbitrary();
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(ObfuscationPropertyTests)])]
    public bool Match_ObfuscatedTerm_SameTermsAsPlainTerm((string Term, string Obfuscated) sample)
    {
        var plain = Defaults.Value.Match($"tell me about {sample.Term} please");
        var obfuscated = Defaults.Value.Match($"tell me about {sample.Obfuscated} please");

        return plain.DistinctTermCount > 0
            && plain.DistinctTermIds.Order().SequenceEqual(obfuscated.DistinctTermIds.Order());
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(ObfuscationPropertyTests)])]
    public bool Match_BenignSentence_MatchesNothing(string sentence) => Defaults.Value.Match(sentence).DistinctTermCount == 0;

    [Property(MaxTest = 1000, Arbitrary = [typeof(ObfuscationPropertyTests)])]
    public bool Normalize_AnyText_FastPathUtf8PathAndSlowPathAgree(string text)
    {
        var slow = new TextNormalizer { AsciiFastPath = false };
        var fast = TextNormalizer.Default;
        var utf8 = new NormalizedText(8);
        fast.NormalizeUtf8(Encoding.UTF8.GetBytes(text), utf8);
        var utf16 = new NormalizedText(8);
        fast.Normalize(text.AsSpan(), utf16);

        var sourceOrdered = true;
        for (var i = 1; i < utf16.Length; i++)
        {
            sourceOrdered &= utf16.SourceStart(i) >= utf16.SourceStart(i - 1) && utf16.SourceEnd(i) <= text.Length;
        }

        return slow.Normalize(text) == fast.Normalize(text) && utf8.ToString() == utf16.ToString() && sourceOrdered;
    }

    [Fact]
    public void Obfuscate_EachMode_ProducesItsKindOfObfuscation()
    {
        Assert.NotEqual("sarin", Obfuscate("sarin", 0, ".", new Random(1)));
        Assert.Equal(4, Obfuscate("sarin", 1, ".", new Random(1)).Count(c => c == '.'));
        Assert.Contains(Obfuscate("sarin", 2, ".", new Random(1)), char.IsAsciiDigit);
    }

    [Fact]
    public void Match_BenignWordsFormingATerm_DoesMatch()
    {
        // The benign vocabulary must avoid this pair: the property above would be wrong, not the matcher.
        Assert.Equal(1, Defaults.Value.Match("a critical mass of readers").DistinctTermCount);
    }

    /// <summary>mode 0: case, confusables, zero-width, diacritics, fullwidth; 1: also spaced letters; 2: leetspeak after the first letter.</summary>
    private static string Obfuscate(string term, int mode, string separator, Random random)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < term.Length; i++)
        {
            var c = term[i];
            if (mode == 2 && i > 0 && Leet.TryGetValue(c, out var digit))
            {
                sb.Append(digit);
                continue;
            }

            var form = random.Next(mode == 2 ? 2 : 6);
            switch (form)
            {
                case 0:
                    sb.Append(char.ToUpperInvariant(c));
                    break;
                case 1:
                    sb.Append(c);
                    break;
                case 2:
                    sb.Append(Confusables.TryGetValue(c, out var lookalike) ? lookalike : c.ToString());
                    break;
                case 3:
                    sb.Append(c).Append('\u200B');
                    break;
                case 4:
                    sb.Append(c).Append('\u0301');
                    break;
                default:
                    sb.Append((char)(c + 0xFEE0));
                    break;
            }

            if (mode == 1 && i < term.Length - 1)
            {
                sb.Append(separator);
            }
        }

        var result = sb.ToString();
        return result == term ? term.ToUpperInvariant() : result;
    }

    private static string BenignSentence(int count, Random random)
    {
        var separators = new[] { " ", ", ", ". ", "! ", " - ", "\n", "? " };
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var word = BenignWords[random.Next(BenignWords.Length)];
            sb.Append(random.Next(3) == 0 ? word.ToUpperInvariant() : word);
            sb.Append(separators[random.Next(separators.Length)]);
        }

        return sb.ToString();
    }
}
