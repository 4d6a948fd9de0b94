using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tiergate.Safeguards.Classification;

namespace Tiergate.Safeguards.Cli;

/// <summary>
/// What <c>tiergate classifier train|eval</c> do, independent of the command-line parser. Exit code 0 on
/// success, 1 on a data or model error (reported with its TG3xxx code). With <c>Json</c>, exactly one
/// JSON object is written to <c>output</c>.
/// </summary>
public static class ClassifierCli
{
    public static int Train(TrainArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var examples = LabeledJsonl.Read(arguments.Input, arguments.TextField, arguments.LabelField);
            var options = new TrainingOptions
            {
                Epochs = arguments.Epochs,
                LearningRate = arguments.LearningRate,
                Seed = arguments.Seed,
                Features = new FeatureOptions
                {
                    Buckets = arguments.Buckets,
                    WordNgrams = arguments.WordNgrams,
                    CharNgramMin = arguments.CharNgramMin,
                    CharNgramMax = arguments.CharNgramMax,
                },
            };
            var model = LinearTrainer.Train(examples, options);
            var sha = LinearModelFile.Save(model, arguments.Output);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            if (arguments.Json)
            {
                WriteJson(output, w =>
                {
                    w.WriteString("command", "train");
                    w.WriteString("model", arguments.Output);
                    w.WriteString("sha256", sha);
                    w.WriteNumber("formatVersion", LinearModelFile.FormatVersion);
                    w.WriteNumber("examples", examples.Count);
                    w.WriteStartArray("labels");
                    foreach (var label in model.Labels)
                    {
                        w.WriteStringValue(label);
                    }

                    w.WriteEndArray();
                    w.WriteNumber("seconds", Math.Round(seconds, 3));
                });
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained on {examples.Count} examples in {seconds:F2}s; labels: {string.Join(", ", model.Labels)}"));
                output.WriteLine($"model: {arguments.Output}");
                output.WriteLine($"sha256: {sha}");
            }

            return 0;
        }
        catch (Exception e) when (e is SafeguardsException or IOException or UnauthorizedAccessException)
        {
            return Fail(output, arguments.Json, e);
        }
    }

    public static int Eval(EvalArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var model = LinearModelFile.Load(arguments.Model);
            var examples = LabeledJsonl.Read(arguments.Input, arguments.TextField, arguments.LabelField);
            var report = ClassifierEvaluator.Evaluate(model, examples, arguments.Threshold);
            if (arguments.Json)
            {
                WriteJson(output, w =>
                {
                    w.WriteString("command", "eval");
                    w.WriteString("model", arguments.Model);
                    w.WriteString("sha256", model.Sha256);
                    w.WriteNumber("examples", report.Examples);
                    w.WriteNumber("accuracy", Math.Round(report.Accuracy, 6));
                    w.WriteNumber("exactMatch", Math.Round(report.ExactMatch, 6));
                    w.WriteNumber("threshold", report.Threshold);
                    w.WriteStartArray("labels");
                    foreach (var label in report.Labels)
                    {
                        w.WriteStartObject();
                        w.WriteString("label", label.Label);
                        w.WriteNumber("support", label.Support);
                        w.WriteNumber("precision", Math.Round(label.Precision, 6));
                        w.WriteNumber("recall", Math.Round(label.Recall, 6));
                        w.WriteNumber("f1", Math.Round(label.F1, 6));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteNumber("seconds", Math.Round(report.Seconds, 4));
                    w.WriteNumber("examplesPerSecond", Math.Round(report.ExamplesPerSecond, 1));
                });
            }
            else
            {
                output.WriteLine($"model: {arguments.Model} (sha256 {model.Sha256})");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"examples: {report.Examples}  accuracy: {report.Accuracy:P2}  exact match: {report.ExactMatch:P2}  ({report.ExamplesPerSecond:F0} examples/s)"));
                foreach (var label in report.Labels)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label.Label,-16} support {label.Support,6}  precision {label.Precision:F4}  recall {label.Recall:F4}  f1 {label.F1:F4}"));
                }
            }

            return 0;
        }
        catch (Exception e) when (e is SafeguardsException or IOException or UnauthorizedAccessException)
        {
            return Fail(output, arguments.Json, e);
        }
    }

    private static int Fail(TextWriter output, bool json, Exception error)
    {
        var code = error is SafeguardsException s ? s.Code : SafeguardsErrorCodes.IoError;
        if (json)
        {
            WriteJson(output, w =>
            {
                w.WriteStartObject("error");
                w.WriteString("code", code.Id);
                w.WriteString("message", error.Message);
                w.WriteEndObject();
            });
        }
        else
        {
            output.WriteLine($"error {code.Id} ({code.Name}): {error.Message}");
        }

        return 1;
    }

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
