using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Tests.Screening;

/// <summary>A streamed text gets the verdict of the whole text: terms split at every boundary, counts across pieces.</summary>
public class ScreeningSessionTests
{
    private static readonly Lazy<Screener> Default = new(() =>
    {
        var directory = SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory)!;
        return SafeguardDefaults.CreateScreener(
            SafeguardDefaults.LoadTerms(directory),
            SafeguardDefaults.LoadModel(directory),
            new KeywordStageOptions { EscalateAtDistinctTerms = 1, FlagAtDistinctTerms = 3, FlagAtWeight = 4 });
    });

    [Theory]
    [InlineData("Please explain how sarin affects the body.")]
    [InlineData("Please explain how s.a.r.i.n affects the body.")]
    [InlineData("Please explain how S-A-R-I-N affects the body.")]
    [InlineData("Please explain how s4r1n affects the body.")]
    [InlineData("Please explain how \u0455\u0430r\u200Bin affects the body.")]
    [InlineData("what is a bacillus anthracis culture")]
    public void Append_TermSplitAtEveryBoundary_SameVerdictAsWholeText(string text)
    {
        var whole = VerdictText.Of(Default.Value.Screen(text));
        Assert.Contains("term '", whole, StringComparison.Ordinal);

        for (var cut = 0; cut <= text.Length; cut++)
        {
            var two = VerdictText.Streamed(Default.Value, text, [cut]);
            Assert.Equal(whole, VerdictText.Of(two.Current));
            for (var second = cut + 1; second < text.Length; second += 3)
            {
                Assert.Equal(whole, VerdictText.Of(VerdictText.Streamed(Default.Value, text, [cut, second]).Current));
            }
        }
    }

    [Fact]
    public void Append_OneCharAtATime_EveryPrefixHasItsWholeTextVerdict()
    {
        const string text = "Intro. The plague, smallpox and 4nthr4x were weaponize-d; s a r i n too. \U0001F600 done";
        var session = Default.Value.Begin();

        for (var i = 0; i < text.Length; i++)
        {
            session.Append(text.AsSpan(i, 1));
            Assert.Equal(VerdictText.Of(Default.Value.Screen(text[..(i + 1)])), VerdictText.Of(session.Current));
        }
    }

    [Fact]
    public void Append_DistinctTermsInThreePieces_FlagsAtKeywordsOnlyOnceAllThreeArrived()
    {
        var session = Default.Value.Begin();

        session.Append("A history lesson on anthrax. ");
        var afterOne = session.Current.For("bio")!;
        session.Append("Then smallpox, ");
        var afterTwo = session.Current.For("bio")!;
        session.Append("and finally the plague.");
        var afterThree = session.Current.For("bio")!;

        Assert.Equal("classifier", afterOne.Stage);
        Assert.Equal("classifier", afterTwo.Stage);
        Assert.True(afterThree.Flagged);
        Assert.Equal("keywords", afterThree.Stage);
        Assert.Equal(["anthrax", "smallpox", "plague"], afterThree.MatchedTerms.Select(t => t.Text));
        Assert.Equal(VerdictText.Of(Default.Value.Screen("A history lesson on anthrax. Then smallpox, and finally the plague.")), VerdictText.Of(session.Current));
    }

    [Fact]
    public void Append_WeightsAcrossPieces_ReachFlagWeightAsInWholeText()
    {
        // "release a virus" (2) + "biological weapon" (2) reach the weight 4 only together; the second is split too.
        string[] pieces = ["how to release a vi", "rus as a biolog", "ical weapon quickly"];
        var session = Default.Value.Begin();
        session.Append(pieces[0]);
        session.Append(pieces[1]);
        var before = session.Current.For("bio")!;

        session.Append(pieces[2]);

        var bio = session.Current.For("bio")!;
        Assert.NotEqual("keywords", before.Stage);
        Assert.True(bio.Flagged);
        Assert.Equal("keywords", bio.Stage);
        Assert.Contains("weight 4", bio.Evidence[0].Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictText.Of(Default.Value.Screen(string.Concat(pieces))), VerdictText.Of(session.Current));
    }

    [Fact]
    public void Append_MoreOccurrencesThanAreStored_SameFirstOccurrencesAndCounts()
    {
        var text = string.Concat(Enumerable.Repeat("the plague again, ", 1100)) + "and anthrax at last";
        var session = VerdictText.Streamed(Default.Value, text, Enumerable.Range(1, text.Length / 7).Select(i => i * 7));

        var bio = session.Current.For("bio")!;
        var anthrax = bio.MatchedTerms.Single(t => t.Text == "anthrax");
        Assert.Equal(0, anthrax.Occurrences);
        Assert.Equal(VerdictText.Of(Default.Value.Screen(text)), VerdictText.Of(session.Current));
    }

    [Fact]
    public void Append_NothingYet_VerdictOfEmptyText()
    {
        var session = Default.Value.Begin();

        session.Append("");

        Assert.Equal(VerdictText.Of(Default.Value.Screen("")), VerdictText.Of(session.Current));
        Assert.True(session.IsIncremental);
    }

    [Fact]
    public void Append_SurrogatePairSplitAcrossPieces_SameOffsetsAsWholeText()
    {
        const string text = "\U0001D42C\U0001D41A\U0001D42B\U0001D422\U0001D427 and \uD800 lone, ricin \uDC00 end\uD83D";
        for (var cut = 0; cut <= text.Length; cut++)
        {
            Assert.Equal(VerdictText.Of(Default.Value.Screen(text)), VerdictText.Of(VerdictText.Streamed(Default.Value, text, [cut]).Current));
        }
    }

    [Fact]
    public void Append_ClassifierOnEveryText_LongWordsAndScriptsScoreAsWholeText()
    {
        var screener = ClassifierAlways();
        var text = string.Concat(Enumerable.Repeat("\u4E2D\u6587\u6587\u672C", 150)) + " synthesis of nerve agents " + new string('x', 700) + " \u0645\u0631\u062D\u0628\u0627";

        foreach (var step in new[] { 1, 2, 5, 13, 64 })
        {
            var session = VerdictText.Streamed(screener, text, Enumerable.Range(1, text.Length / step).Select(i => i * step));
            Assert.Equal(VerdictText.Of(screener.Screen(text)), VerdictText.Of(session.Current));
        }
    }

    [Fact]
    public void Append_TextLongerThanMaxBytes_ClassifierSeesTheSameTruncatedText()
    {
        var model = LinearTrainer.Train(
            Tests.Classification.LinearClassifierTests.TwoTopicExamples(120, 3),
            new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 12, MaxBytes = 40 }, Epochs = 2 });
        var screener = new Screener([new ClassifierStage(model, new ClassifierStageOptions { OnlyEscalated = false })]);
        string[] texts = ["the acid flask and the reagent were in the lab today yes", "acid flask reagent solvent catalyst compound x", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz acid"];

        foreach (var text in texts)
        {
            for (var cut = 0; cut <= text.Length; cut++)
            {
                Assert.Equal(VerdictText.Of(screener.Screen(text)), VerdictText.Of(VerdictText.Streamed(screener, text, [cut, cut + 9]).Current));
            }
        }
    }

    [Fact]
    public void Append_StageTheSessionCannotFollow_ScreensTheWholeTextInstead()
    {
        var screener = new Screener([new KeywordStage(TermMatcher.Create([new Term("sarin", "chem")])), new WholeTextStage()]);
        var session = screener.Begin();

        session.Append("about sa");
        session.Append("rin");

        Assert.False(session.IsIncremental);
        Assert.Equal(VerdictText.Of(screener.Screen("about sarin")), VerdictText.Of(session.Current));
        Assert.True(session.Current.For("text")!.Flagged);
    }

    internal static Screener ClassifierAlways()
    {
        var directory = SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory)!;
        return new Screener(
        [
            new KeywordStage(SafeguardDefaults.LoadTerms(directory), new KeywordStageOptions { FlagAtDistinctTerms = 3, ClearBelowEscalation = false }),
            new ClassifierStage(SafeguardDefaults.LoadModel(directory), new ClassifierStageOptions { OnlyEscalated = false }),
        ]);
    }

    /// <summary>A stage that reads the whole text: flags category "text" when it ends with "sarin".</summary>
    private sealed class WholeTextStage : IScreeningStage
    {
        public string Name => "whole";

        public IReadOnlyList<string> Categories => ["text"];

        public void Evaluate(ScreeningContext context) =>
            context.Record(Name, "text", 1, context.Text.EndsWith("sarin", StringComparison.Ordinal) ? StageOutcome.Flag : StageOutcome.Clear, "ends with sarin");
    }
}
