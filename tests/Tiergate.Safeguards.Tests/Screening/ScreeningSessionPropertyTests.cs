using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Normalization;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Tests.Screening;

/// <summary>
/// The one rule of streamed screening: for any text and any split points, the session's verdict equals the
/// verdict of screening the whole text at once (categories, flags, scores, stages, terms, offsets, evidence).
/// </summary>
public class ScreeningSessionPropertyTests
{
    private static readonly Lazy<Screener> Default = new(() =>
    {
        var directory = SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory)!;
        return SafeguardDefaults.CreateScreener(
            SafeguardDefaults.LoadTerms(directory),
            SafeguardDefaults.LoadModel(directory),
            new KeywordStageOptions { EscalateAtDistinctTerms = 1, FlagAtDistinctTerms = 3, FlagAtWeight = 4 });
    });

    private static readonly Lazy<Screener> ClassifierAlways = new(ScreeningSessionTests.ClassifierAlways);

    private static readonly Lazy<string[]> TermTexts = new(() =>
        Default.Value.Stages.OfType<KeywordStage>().Single().Matcher.Terms.Select(t => t.Text).ToArray());

    private static readonly string[] Filler =
    [
        "the", "answer", "is", "below", "we", "measured", "3.14", "2024-05-01", "<b>bold</b>", "**note**", "`code`",
        "a", "i", "o", "k", "x", "\u041F\u0440\u0438\u0432\u0435\u0442", "\u4E2D\u6587", "\u0645\u0631\u062D\u0628\u0627", "\u00E9t\u00E9",
        "na\u0131ve", "\U0001F600", "\U0001D42C\U0001D41A", "stra\u00DFe", "\uFB01ne", "e\u0301", "#", "--", "...", "@home", "$5", "100%",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "\n", "\n\n", " - ", "_", ".", " . ", "\t", "|", "!", "\u200B", "  "];

    public static Arbitrary<(string Text, int[] Cuts)> SplitTexts()
    {
        var gen =
            from words in Gen.Choose(0, 40)
            from seed in Gen.Choose(0, int.MaxValue)
            from cutCount in Gen.Choose(0, 12)
            select Build(words, cutCount, new Random(seed));
        return gen.ToArbitrary();
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(ScreeningSessionPropertyTests)])]
    public bool Append_AnySplit_VerdictEqualsWholeText((string Text, int[] Cuts) sample) =>
        SameVerdict(Default.Value, sample.Text, sample.Cuts);

    [Property(MaxTest = 200, Arbitrary = [typeof(ScreeningSessionPropertyTests)])]
    public bool Append_AnySplitClassifierOnEveryText_VerdictEqualsWholeText((string Text, int[] Cuts) sample) =>
        SameVerdict(ClassifierAlways.Value, sample.Text, sample.Cuts);

    [Property(MaxTest = 300, Arbitrary = [typeof(ScreeningSessionPropertyTests)])]
    public bool Append_AnySplit_NormalisedOutputAndOffsetsEqualWholeText((string Text, int[] Cuts) sample)
    {
        var whole = new NormalizedText(16);
        TextNormalizer.Default.Normalize(sample.Text.AsSpan(), whole);
        var stream = new NormalizerStream(NormalizerOptions.Default);
        var start = 0;
        var committedGrows = true;
        foreach (var cut in sample.Cuts.Where(c => c > 0 && c < sample.Text.Length).Distinct().Order())
        {
            var before = stream.CommittedLength;
            stream.Append(sample.Text.AsSpan(start, cut - start));
            committedGrows &= stream.CommittedLength >= before && whole.Utf8.StartsWith(stream.Output.Utf8);
            start = cut;
        }

        stream.Append(sample.Text.AsSpan(start));
        stream.WriteTail();
        var streamed = stream.Output;
        var sameOffsets = streamed.Length == whole.Length;
        for (var i = 0; sameOffsets && i < whole.Length; i++)
        {
            sameOffsets = streamed.SourceStart(i) == whole.SourceStart(i) && streamed.SourceEnd(i) == whole.SourceEnd(i);
        }

        return committedGrows && sameOffsets && streamed.Utf8.SequenceEqual(whole.Utf8);
    }

    [Fact]
    public void SplitTexts_Generated_ContainTermsObfuscationsAndOtherScripts()
    {
        var random = new Random(5);
        var samples = Enumerable.Range(0, 200).Select(_ => Build(30, 5, random).Text).ToList();

        Assert.True(samples.Count(t => Default.Value.Screen(t).AnyFlagged) > 20);
        Assert.Contains(samples, t => t.Any(c => c is >= '\u0400' and <= '\u04FF'));
        Assert.Contains(samples, t => t.Any(char.IsSurrogate));
    }

    private static bool SameVerdict(Screener screener, string text, int[] cuts)
    {
        var whole = VerdictText.Of(screener.Screen(text));
        var session = VerdictText.Streamed(screener, text, cuts);
        return whole == VerdictText.Of(session.Current);
    }

    private static (string Text, int[] Cuts) Build(int words, int cutCount, Random random)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(random.Next(4) == 0 ? Obfuscate(TermTexts.Value[random.Next(TermTexts.Value.Length)], random) : Filler[random.Next(Filler.Length)]);
            text.Append(Separators[random.Next(Separators.Length)]);
        }

        var cuts = Enumerable.Range(0, cutCount).Select(_ => random.Next(text.Length + 1)).ToArray();
        return (text.ToString(), cuts);
    }

    /// <summary>Plain, upper-case, leetspeak, spaced or dotted letters, confusables, zero-width joiners, or glued to punctuation.</summary>
    private static string Obfuscate(string term, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
                return term.ToUpperInvariant();
            case 1:
                return term.Replace('a', '4').Replace('e', '3').Replace('i', '1').Replace('o', '0');
            case 2:
                return string.Join(random.Next(2) == 0 ? "." : " ", term.ToCharArray());
            case 3:
                return term.Replace('a', '\u0430').Replace('o', '\u043E').Replace('e', '\u0435');
            case 4:
                return string.Join("\u200B", term.ToCharArray());
            case 5:
                return "(" + term + ")";
            default:
                return term;
        }
    }
}
