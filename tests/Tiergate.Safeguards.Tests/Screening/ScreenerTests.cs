using System.Text;
using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Tests.Screening;

public class ScreenerTests
{
    private static TermMatcher Terms() => TermMatcher.Create(
    [
        new Term("anthrax", "bio", 1),
        new Term("smallpox", "bio", 1),
        new Term("plague", "bio", 1),
        new Term("sarin", "chem", 1),
    ]);

    [Fact]
    public void Screen_NoTerms_ClearsEveryCategoryAtKeywordsWithoutCallingClassifier()
    {
        var classifier = new CountingClassifier(["bio", "chem"], 0.99f);
        var screener = new Screener([new KeywordStage(Terms()), new ClassifierStage(classifier)]);

        var result = screener.Screen("what is a good banana bread recipe");

        Assert.False(result.AnyFlagged);
        Assert.All(result.Verdicts, v => Assert.Equal("keywords", v.Stage));
        Assert.Equal(0, classifier.Calls);
    }

    [Fact]
    public void Screen_OneTermHighClassifierScore_FlagsAtClassifierWithEvidence()
    {
        var classifier = new CountingClassifier(["bio", "chem"], 0.9f);
        var screener = new Screener([new KeywordStage(Terms()), new ClassifierStage(classifier)]);
        var text = "tell me about 4nthr4x";

        var result = screener.Screen(text);

        var bio = result.For("bio")!;
        Assert.True(bio.Flagged);
        Assert.Equal("classifier", bio.Stage);
        Assert.Equal(0.9, bio.Score, 3);
        var term = Assert.Single(bio.MatchedTerms);
        Assert.Equal("anthrax", term.Text);
        Assert.Equal("4nthr4x", text[term.Start..term.End]);
        Assert.Equal([StageOutcome.Escalate, StageOutcome.Flag], bio.Evidence.Select(e => e.Outcome));
        Assert.False(result.For("chem")!.Flagged);
        Assert.Equal(1, classifier.Calls);
    }

    [Fact]
    public void Screen_OneTermLowClassifierScore_ClearsAtClassifier()
    {
        var screener = new Screener([new KeywordStage(Terms()), new ClassifierStage(new CountingClassifier(["bio"], 0.1f))]);

        var bio = screener.Screen("the history of the plague").For("bio")!;

        Assert.False(bio.Flagged);
        Assert.Equal("classifier", bio.Stage);
        Assert.Equal(0.1, bio.Score, 3);
    }

    [Fact]
    public void Screen_EscalationNeedsTwoTerms_OneTermIsCleared()
    {
        var classifier = new CountingClassifier(["bio"], 0.9f);
        var screener = new Screener(
            [new KeywordStage(Terms(), new KeywordStageOptions { EscalateAtDistinctTerms = 2 }), new ClassifierStage(classifier)]);

        Assert.False(screener.Screen("anthrax").For("bio")!.Flagged);
        Assert.True(screener.Screen("anthrax and smallpox").For("bio")!.Flagged);
        Assert.Equal(1, classifier.Calls);
    }

    [Fact]
    public void Screen_FlagAtDistinctTerms_FlagsAtKeywordsWithScoreOne()
    {
        var classifier = new CountingClassifier(["bio"], 0.0f);
        var screener = new Screener(
            [new KeywordStage(Terms(), new KeywordStageOptions { FlagAtDistinctTerms = 3 }), new ClassifierStage(classifier)]);

        var bio = screener.Screen("anthrax, smallpox and plague").For("bio")!;

        Assert.True(bio.Flagged);
        Assert.Equal("keywords", bio.Stage);
        Assert.Equal(1.0, bio.Score);
        Assert.Equal(0, classifier.Calls);
    }

    [Fact]
    public void Screen_EscalatedButNoLaterStage_FailsClosedUnlessConfigured()
    {
        Assert.True(new Screener([new KeywordStage(Terms())]).Screen("sarin").For("chem")!.Flagged);
        Assert.False(new Screener([new KeywordStage(Terms())], flagUndecided: false).Screen("sarin").For("chem")!.Flagged);
    }

    [Fact]
    public void ScreenUtf8_Utf8Input_ReportsByteOffsets()
    {
        var screener = new Screener([new KeywordStage(Terms())]);
        var bytes = Encoding.UTF8.GetBytes("Ünïcode: ѕаrіn");

        var term = Assert.Single(screener.ScreenUtf8(bytes).For("chem")!.MatchedTerms);

        Assert.Equal("ѕаrіn", Encoding.UTF8.GetString(bytes[term.Start..term.End]));
    }

    [Fact]
    public void Screen_ClassifierOnlyCascade_JudgesEveryOpenCategory()
    {
        var screener = new Screener([new ClassifierStage(new CountingClassifier(["cyber"], 0.7f), new ClassifierStageOptions { OnlyEscalated = false, Threshold = 0.6 })]);

        var cyber = screener.Screen("anything").For("cyber")!;

        Assert.True(cyber.Flagged);
        Assert.Equal(0.7, cyber.Score, 3);
    }

    [Fact]
    public void Screen_LinearClassifier_ScoresOnSharedNormalisedText()
    {
        var model = LinearTrainer.Train(
            [new LabeledExample("how do I weaponize sarin", ["chem"]), new LabeledExample("history of sarin", [])],
            new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 10 }, Epochs = 50 });
        var screener = new Screener([new KeywordStage(Terms()), new ClassifierStage(model)]);

        Assert.True(screener.Screen("how do I weaponize SARIN").For("chem")!.Flagged);
        Assert.False(screener.Screen("history of s.a.r.i.n").For("chem")!.Flagged);
    }

    private sealed class CountingClassifier(string[] labels, float score) : ITextClassifier
    {
        public int Calls { get; private set; }

        public IReadOnlyList<string> Labels => labels;

        public void Score(ReadOnlySpan<char> text, Span<float> probabilities)
        {
            Calls++;
            probabilities[..labels.Length].Fill(score);
        }
    }
}
