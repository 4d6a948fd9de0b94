using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Safeguards.Cli;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate classifier train|eval</c>: trains and measures the linear (fastText-style) classifier of
/// Tiergate.Safeguards on labelled JSON Lines. With <c>--json</c> each prints exactly one JSON object.
/// Exit code 0 on success, 1 on a data or model error (TG3xxx).
/// </summary>
internal static class ClassifierCommand
{
    public static Command Create()
    {
        var classifier = new Command("classifier", "Train and evaluate the linear content classifier.")
        {
            CreateTrain(),
            CreateEval(),
        };
        classifier.Options.Add(GlobalOptions.Json);
        return classifier;
    }

    private static Command CreateTrain()
    {
        var input = new Option<string>("--input") { Description = "Labelled JSON Lines file.", Required = true };
        var textField = new Option<string>("--text-field") { Description = "Field holding the text (dotted path allowed).", Required = true };
        var labelField = new Option<string>("--label-field") { Description = "Field holding the label: a string, an array of strings, or empty for none.", Required = true };
        var output = new Option<string>("--output") { Description = "Model file to write.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 10 };
        var rate = new Option<float>("--lr") { Description = "Initial learning rate (decays linearly).", DefaultValueFactory = _ => 0.5f };
        var buckets = new Option<int>("--buckets") { Description = "Hash buckets (a power of two).", DefaultValueFactory = _ => 1 << 18 };
        var wordNgrams = new Option<int>("--word-ngrams") { Description = "Longest word n-gram (1-3).", DefaultValueFactory = _ => 2 };
        var minn = new Option<int>("--minn") { Description = "Shortest character n-gram (0 disables).", DefaultValueFactory = _ => 3 };
        var maxn = new Option<int>("--maxn") { Description = "Longest character n-gram.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Shuffle seed.", DefaultValueFactory = _ => 1 };
        var train = new Command("train", "Train a model from labelled JSON Lines and write it (versioned, SHA-256 reported).")
        {
            input, textField, labelField, output, epochs, rate, buckets, wordNgrams, minn, maxn, seed,
        };
        train.SetAction(result => ClassifierCli.Train(
            new TrainArguments(result.GetValue(input)!, result.GetValue(textField)!, result.GetValue(labelField)!, result.GetValue(output)!)
            {
                Epochs = result.GetValue(epochs),
                LearningRate = result.GetValue(rate),
                Buckets = result.GetValue(buckets),
                WordNgrams = result.GetValue(wordNgrams),
                CharNgramMin = result.GetValue(minn),
                CharNgramMax = result.GetValue(maxn),
                Seed = result.GetValue(seed),
                Json = result.GetValue(GlobalOptions.Json),
            },
            System.Console.Out));
        return train;
    }

    private static Command CreateEval()
    {
        var model = new Option<string>("--model") { Description = "Model file written by 'classifier train'.", Required = true };
        var input = new Option<string>("--input") { Description = "Labelled JSON Lines file.", Required = true };
        var textField = new Option<string>("--text-field") { Description = "Field holding the text.", Required = true };
        var labelField = new Option<string>("--label-field") { Description = "Field holding the label(s).", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Probability at which a label counts as predicted.", DefaultValueFactory = _ => 0.5 };
        var eval = new Command("eval", "Measure a model on labelled JSON Lines: accuracy, per-label precision/recall/F1, throughput.")
        {
            model, input, textField, labelField, threshold,
        };
        eval.SetAction(result => ClassifierCli.Eval(
            new EvalArguments(result.GetValue(model)!, result.GetValue(input)!, result.GetValue(textField)!, result.GetValue(labelField)!)
            {
                Threshold = result.GetValue(threshold),
                Json = result.GetValue(GlobalOptions.Json),
            },
            System.Console.Out));
        return eval;
    }
}
