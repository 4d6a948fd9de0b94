using Tiergate.Safeguards.Classification;

namespace Tiergate.Safeguards.Tests.Classification;

public class LinearClassifierTests
{
    private static readonly string[] ChemWords = ["reagent", "solvent", "titration", "acid", "flask", "catalyst", "compound", "synthesis"];
    private static readonly string[] SportWords = ["goal", "match", "striker", "referee", "league", "penalty", "keeper", "season"];
    private static readonly string[] Filler = ["the", "a", "today", "we", "saw", "about", "with", "and"];

    internal static List<LabeledExample> TwoTopicExamples(int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabeledExample>();
        for (var i = 0; i < count; i++)
        {
            var topic = i % 3;
            var words = Enumerable.Range(0, 12).Select(_ => topic switch
            {
                0 => random.Next(2) == 0 ? ChemWords[random.Next(ChemWords.Length)] : Filler[random.Next(Filler.Length)],
                1 => random.Next(2) == 0 ? SportWords[random.Next(SportWords.Length)] : Filler[random.Next(Filler.Length)],
                _ => Filler[random.Next(Filler.Length)],
            });
            string[] labels = topic switch { 0 => ["chem"], 1 => ["sport"], _ => [] };
            examples.Add(new LabeledExample(string.Join(' ', words), labels));
        }

        return examples;
    }

    [Fact]
    public void Train_SeparableTopics_ClassifiesHeldOutTextAccurately()
    {
        var model = LinearTrainer.Train(TwoTopicExamples(600, 1), new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 14 } });

        var report = ClassifierEvaluator.Evaluate(model, TwoTopicExamples(300, 2));

        Assert.True(report.Accuracy > 0.95, $"accuracy {report.Accuracy}");
        Assert.Equal(["chem", "sport"], model.Labels);
        Assert.True(model.Score("the titration of an acid in a flask")[0] > 0.5);
        Assert.True(model.Score("the striker scored a penalty")[0] < 0.5);
    }

    [Fact]
    public void Train_SameSeed_IsDeterministic()
    {
        var options = new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 12 }, Epochs = 3 };

        var first = LinearTrainer.Train(TwoTopicExamples(100, 3), options);
        var second = LinearTrainer.Train(TwoTopicExamples(100, 3), options);

        Assert.Equal(first.Score("acid flask"), second.Score("acid flask"));
    }

    [Fact]
    public void Train_NoExamples_ThrowsWithCode()
    {
        var error = Assert.Throws<SafeguardsException>(() => LinearTrainer.Train([]));

        Assert.Equal(SafeguardsErrorCodes.InvalidTrainingData, error.Code);
    }

    [Fact]
    public void Score_ObfuscatedText_ScoresLikePlainText()
    {
        var model = LinearTrainer.Train(TwoTopicExamples(300, 4), new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 14 } });

        Assert.Equal(model.Score("titration acid flask"), model.Score("T1TR4T10N \u0430cid f.l.a.s.k"));
    }

    [Fact]
    public void Evaluate_WrongModel_ReportsLowAccuracy()
    {
        var examples = TwoTopicExamples(300, 5);
        var swapped = examples.Select(e => new LabeledExample(e.Text, e.Labels.Select(l => l == "chem" ? "sport" : "chem").ToArray())).ToList();
        var model = LinearTrainer.Train(swapped, new TrainingOptions { Features = new FeatureOptions { Buckets = 1 << 14 } });

        var report = ClassifierEvaluator.Evaluate(model, TwoTopicExamples(300, 6));

        Assert.True(report.Accuracy < 0.5, $"accuracy {report.Accuracy}");
    }
}
