using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Cli;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

// Usage:
//   SafeguardsPerf train  INPUT.jsonl OUTPUT.model [epochs] [wordNgrams] [minn] [maxn]
//   SafeguardsPerf eval   MODEL INPUT.jsonl
//   SafeguardsPerf predict MODEL INPUT.jsonl REPEAT
//   SafeguardsPerf count  TERMS FILE (tiergate|tiergate-raw|searchvalues)
var command = args.Length > 0 ? args[0] : string.Empty;
switch (command)
{
    case "train":
        return ClassifierCli.Train(
            new TrainArguments(args[1], "text", "label", args[2])
            {
                Epochs = Arg(3, 10),
                WordNgrams = Arg(4, 2),
                CharNgramMin = Arg(5, 3),
                CharNgramMax = Arg(6, 5),
                Json = true,
            },
            Console.Out);
    case "eval":
        return ClassifierCli.Eval(new EvalArguments(args[1], args[2], "text", "label") { Json = true }, Console.Out);
    case "predict":
        return Predict(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
    case "count":
        return Count(args[1], args[2], args[3]);
    default:
        Console.Error.WriteLine("usage: SafeguardsPerf train|eval|predict|count ...");
        return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static int Predict(string modelPath, string input, int repeat)
{
    var model = LinearModelFile.Load(modelPath);
    var texts = LabeledJsonl.Read(input, "text", "label").Select(e => e.Text).ToArray();
    var scores = new float[model.Labels.Count];
    var bytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
    var positive = 0;
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    for (var r = 0; r < repeat; r++)
    {
        foreach (var text in texts)
        {
            model.Score(text.AsSpan(), scores);
            positive += scores[0] > scores[^1] ? 1 : 0;
        }
    }

    var seconds = stopwatch.Elapsed.TotalSeconds;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
    var count = (long)texts.Length * repeat;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"cpuSeconds\":{cpu:F3},\"cpuExamplesPerSecond\":{count / cpu:F0},\"examples\":{count},\"seconds\":{seconds:F3},\"examplesPerSecond\":{count / seconds:F0},\"mbPerSecond\":{bytes * repeat / seconds / 1e6:F1},\"firstLabelWins\":{positive}}}"));
    return 0;
}

static int Count(string termsPath, string file, string mode)
{
    var terms = File.ReadAllLines(termsPath).Where(t => t.Length > 0).ToArray();
    var data = File.ReadAllBytes(file);
    long lines = 0;
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    if (mode == "searchvalues")
    {
        var values = SearchValues.Create(terms, StringComparison.OrdinalIgnoreCase);
        var text = Encoding.UTF8.GetString(data);
        cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        stopwatch.Restart();
        foreach (var range in text.AsSpan().Split('\n'))
        {
            if (text.AsSpan()[range].IndexOfAny(values) >= 0)
            {
                lines++;
            }
        }
    }
    else if (mode == "normalize-whole")
    {
        var buffer = new NormalizedText(data.Length + 16);
        for (var i = 0; i < 3; i++)
        {
            cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            stopwatch.Restart();
            TextNormalizer.Default.NormalizeUtf8(data, buffer);
        }

        lines = buffer.Length;
    }
    else
    {
        var matcher = TermMatcher.Create(terms.Select(t => new Term(t, "x", 1, WholeWord: mode != "tiergate-raw")));
        var buffer = new NormalizedText(1 << 16);
        var accumulator = new MatchAccumulator(maxMatches: 16);
        cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        stopwatch.Restart();
        var span = data.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            if (mode == "normalize-only")
            {
                matcher.Normalizer.NormalizeUtf8(line, buffer);
                lines += buffer.Length > 0 ? 0 : 1;
                span = end < 0 ? default : span[(end + 1)..];
                continue;
            }

            matcher.MatchUtf8(line, buffer, accumulator);
            if (accumulator.TotalMatches > 0)
            {
                lines++;
            }

            span = end < 0 ? default : span[(end + 1)..];
        }
    }

    var seconds = stopwatch.Elapsed.TotalSeconds;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"cpuSeconds\":{cpu:F3},\"cpuMbPerSecond\":{data.Length / cpu / 1e6:F1},\"mode\":\"{mode}\",\"terms\":{terms.Length},\"matchingLines\":{lines},\"seconds\":{seconds:F3},\"mbPerSecond\":{data.Length / seconds / 1e6:F1}}}"));
    return 0;
}
