using System.Text.Json;
using Tiergate.Safeguards.Cli;
using Tiergate.Safeguards.Tests.Classification;

namespace Tiergate.Safeguards.Tests.Cli;

public sealed class ClassifierCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tg-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteJsonl(string name, int count, int seed)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, LinearClassifierTests.TwoTopicExamples(count, seed)
            .Select(e => JsonSerializer.Serialize(new { doc = new { body = e.Text }, tags = e.Labels })));
        return path;
    }

    [Fact]
    public void TrainThenEval_Json_PrintsOneObjectEachWithSameHash()
    {
        var model = Path.Combine(_dir, "m.tglc");
        var trainOut = new StringWriter();
        var evalOut = new StringWriter();

        var trainCode = ClassifierCli.Train(new TrainArguments(WriteJsonl("train.jsonl", 400, 1), "doc.body", "tags", model) { Buckets = 1 << 12, Json = true }, trainOut);
        var evalCode = ClassifierCli.Eval(new EvalArguments(model, WriteJsonl("test.jsonl", 200, 2), "doc.body", "tags") { Json = true }, evalOut);

        Assert.Equal(0, trainCode);
        Assert.Equal(0, evalCode);
        using var train = JsonDocument.Parse(trainOut.ToString());
        using var eval = JsonDocument.Parse(evalOut.ToString());
        Assert.Equal(train.RootElement.GetProperty("sha256").GetString(), eval.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(400, train.RootElement.GetProperty("examples").GetInt32());
        Assert.True(eval.RootElement.GetProperty("accuracy").GetDouble() > 0.9);
        Assert.Equal(2, eval.RootElement.GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public void Eval_MissingModel_JsonErrorAndExitOne()
    {
        var output = new StringWriter();

        var code = ClassifierCli.Eval(new EvalArguments(Path.Combine(_dir, "none.tglc"), WriteJsonl("t.jsonl", 3, 1), "doc.body", "tags") { Json = true }, output);

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(SafeguardsErrorCodes.IoError.Id, json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void Train_TextFieldNotAString_ReportsTrainingDataCode()
    {
        var input = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllText(input, "{\"text\":5,\"label\":\"x\"}\n");
        var output = new StringWriter();

        var code = ClassifierCli.Train(new TrainArguments(input, "text", "label", Path.Combine(_dir, "m.tglc")), output);

        Assert.Equal(1, code);
        Assert.StartsWith($"error {SafeguardsErrorCodes.InvalidTrainingData.Id} (invalid_training_data):", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "m.tglc")));
    }
}
