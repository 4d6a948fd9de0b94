using System.Text;
using Microsoft.ML.Tokenizers;
using Tiergate.Safeguards.Onnx;
using Tiergate.Safeguards.Screening;
using Tiergate.Safeguards.Matching;

namespace Tiergate.Safeguards.Tests.Onnx;

public class OnnxTextClassifierTests
{
    // Vocabulary ids: 0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP], 4 [MASK], 5 hello, 6 world, 7 anthrax, 8 weapon, 9 history
    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nworld\nanthrax\nweapon\nhistory\n";

    private static OnnxTextClassifier Create(OnnxActivation activation = OnnxActivation.Sigmoid)
    {
        // Dimension 0 carries "hazard", dimension 1 "benign"; special and unknown tokens are zero.
        var embeddings = new float[10, 2];
        embeddings[5, 1] = 1;
        embeddings[6, 1] = 1;
        embeddings[7, 0] = 1;
        embeddings[8, 0] = 1;
        embeddings[9, 1] = 1;
        var weights = new float[,] { { 10, -10 }, { -10, 10 } };
        var model = TinyOnnxModel.Build(embeddings, weights, [0, 0]);
        var tokenizer = BertTokenizer.Create(new MemoryStream(Encoding.UTF8.GetBytes(Vocab)));
        return new OnnxTextClassifier(model, tokenizer, new OnnxClassifierOptions { Labels = ["bio", "benign"], Activation = activation });
    }

    [Fact]
    public void Score_HazardTokens_ScoresHazardHigh()
    {
        using var classifier = Create();
        var scores = new float[2];

        classifier.Score("Anthrax weapon", scores);

        Assert.True(scores[0] > 0.95, $"bio {scores[0]}");
        Assert.True(scores[1] < 0.05, $"benign {scores[1]}");
    }

    [Fact]
    public void Score_BenignTokens_ScoresHazardLow()
    {
        using var classifier = Create();
        var scores = new float[2];

        classifier.Score("hello world history", scores);

        Assert.True(scores[0] < 0.05, $"bio {scores[0]}");
    }

    [Fact]
    public void Score_Softmax_SumsToOne()
    {
        using var classifier = Create(OnnxActivation.Softmax);
        var scores = new float[2];

        classifier.Score("anthrax history unknownword", scores);

        Assert.Equal(1.0, scores[0] + scores[1], 4);
    }

    [Fact]
    public void Constructor_GarbageModel_ThrowsWithCode()
    {
        var tokenizer = BertTokenizer.Create(new MemoryStream(Encoding.UTF8.GetBytes(Vocab)));

        var error = Assert.Throws<SafeguardsException>(() => new OnnxTextClassifier([1, 2, 3, 4], tokenizer, new OnnxClassifierOptions { Labels = ["x"] }));

        Assert.Equal(SafeguardsErrorCodes.InvalidOnnxModel, error.Code);
    }

    [Fact]
    public void Constructor_WrongInputName_ThrowsWithCode()
    {
        var model = TinyOnnxModel.Build(new float[10, 2], new float[2, 1], [0]);
        var tokenizer = BertTokenizer.Create(new MemoryStream(Encoding.UTF8.GetBytes(Vocab)));

        var error = Assert.Throws<SafeguardsException>(() => new OnnxTextClassifier(model, tokenizer, new OnnxClassifierOptions { Labels = ["x"], InputIdsName = "ids" }));

        Assert.Equal(SafeguardsErrorCodes.InvalidOnnxModel, error.Code);
    }

    [Fact]
    public void Screener_OnnxStageAfterKeywords_FlagsWithOnnxScore()
    {
        using var classifier = Create();
        var screener = new Screener([new KeywordStage(TermMatcher.Create([new Term("anthrax", "bio")])), new ClassifierStage(classifier)]);

        Assert.True(screener.Screen("anthrax weapon").For("bio")!.Flagged);
        Assert.False(screener.Screen("anthrax history hello world").For("bio")!.Flagged);
    }
}
