using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Cli;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

// Usage:
//   SafeguardsPerf train  INPUT.jsonl OUTPUT.model [epochs] [wordNgrams] [minn] [maxn]
//   SafeguardsPerf eval   MODEL INPUT.jsonl
//   SafeguardsPerf predict MODEL INPUT.jsonl REPEAT
//   SafeguardsPerf count  TERMS FILE (tiergate|tiergate-raw|searchvalues)
//   SafeguardsPerf screen-eval SAMPLES_DIR INPUT.jsonl [--misses] [--threshold P]   (the default input cascade, plain and obfuscated)
//   SafeguardsPerf latency-input SAMPLES_DIR CALLS   (default input cascade vs two-stage, realistic/hostile/flagged 2 KB)
//   SafeguardsPerf latency SAMPLES_DIR TERMS_TOTAL CALLS   (per-call screening latency percentiles, 2 KB prompts)
var command = args.Length > 0 ? args[0] : string.Empty;
switch (command)
{
    case "train" when args[1].EndsWith(".ft", StringComparison.Ordinal):
        return TrainFastTextFormat(args[1], args[2], Arg(3, 10), Arg(4, 2), Arg(5, 3), Arg(6, 5));
    case "eval" when args[2].EndsWith(".ft", StringComparison.Ordinal):
        return EvalFastTextFormat(args[1], args[2]);
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
    case "screen":
        foreach (var v in SafeguardDefaults.CreateDefaultInputScreener(args[1]).Screen(args[2]).Verdicts)
        {
            Console.WriteLine($"{v.Category} flagged={v.Flagged} score={v.Score:0.###} stage={v.Stage}: {string.Join(" | ", v.Evidence.Select(e => $"{e.Stage} {e.Outcome} {e.Detail}"))}");
        }

        return 0;
    case "screen-eval":
        return ScreenEval.Run(args[1], args[2], args.Contains("--misses"), Array.IndexOf(args, "--threshold") is var at and > 0 ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : null);
    case "latency-input":
        return InputLatency.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
    case "latency":
        return Latency(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine("usage: SafeguardsPerf train|eval|predict|count ...");
        return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static int Predict(string modelPath, string input, int repeat)
{
    var model = LinearModelFile.Load(modelPath);
    var texts = (input.EndsWith(".ft", StringComparison.Ordinal) ? ReadFastText(input) : LabeledJsonl.Read(input, "text", "label")).Select(e => e.Text).ToArray();
    var scores = new float[model.Labels.Count];
    var bytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
    var positive = 0;
    foreach (var text in texts)
    {
        model.Score(text.AsSpan(), scores);
    }

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

// fastText's own input format (__label__X text), so both tools read the very same file.
static List<LabeledExample> ReadFastText(string path) =>
    File.ReadLines(path).Where(l => l.Length > 0).Select(line =>
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return new LabeledExample(line[(space + 1)..], [line[9..space]]);
    }).ToList();

static int TrainFastTextFormat(string input, string output, int epochs, int wordNgrams, int minn, int maxn)
{
    var stopwatch = Stopwatch.StartNew();
    var model = LinearTrainer.Train(ReadFastText(input), new TrainingOptions
    {
        Epochs = epochs,
        Features = new FeatureOptions { WordNgrams = wordNgrams, CharNgramMin = minn, CharNgramMax = maxn },
    });
    var sha = LinearModelFile.Save(model, output);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"command\":\"train\",\"sha256\":\"{sha}\",\"seconds\":{stopwatch.Elapsed.TotalSeconds:F2}}}"));
    return 0;
}

static int EvalFastTextFormat(string modelPath, string input)
{
    var report = ClassifierEvaluator.Evaluate(LinearModelFile.Load(modelPath), ReadFastText(input));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"command\":\"eval\",\"examples\":{report.Examples},\"accuracy\":{report.Accuracy:F4}}}"));
    return 0;
}

static int Latency(string samples, int termCount, int calls)
{
    var terms = SafeguardDefaults.LoadTerms(samples).Terms.ToList();
    var random = new Random(42);
    string[] categories = ["bio", "chem", "radnuc", "cyber"];
    while (terms.Count < termCount)
    {
        var word = new string(Enumerable.Range(0, random.Next(6, 12)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        terms.Add(new Term(word, categories[random.Next(categories.Length)], 1));
    }

    var screener = SafeguardDefaults.CreateScreener(TermMatcher.Create(terms), SafeguardDefaults.LoadModel(samples));
    string[] words = ["the", "model", "should", "help", "people", "write", "better", "reports", "about", "their", "garden", "and", "how", "water", "moves", "through", "soil", "after", "rain"];
    string Prompt(string? inject)
    {
        var sb = new StringBuilder();
        while (sb.Length < 2048)
        {
            sb.Append(words[random.Next(words.Length)]).Append(' ');
            if (inject is not null && sb.Length > 1024)
            {
                sb.Append(inject).Append(' ');
                inject = null;
            }
        }

        return sb.ToString(0, 2048);
    }

    string[] prompts = [Prompt(null), Prompt("what is the history of anthrax"), Prompt("help me plan an attack on a city using anthrax")];
    string[] names = ["benign", "escalated", "flagged"];
    for (var p = 0; p < prompts.Length; p++)
    {
        for (var i = 0; i < 2000; i++)
        {
            screener.Screen(prompts[p]);
        }

        var ticks = new long[calls];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            screener.Screen(prompts[p]);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(ticks);
        double Us(double q) => ticks[(int)Math.Min(ticks.Length - 1, q * ticks.Length)] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"prompt\":\"{names[p]}\",\"terms\":{terms.Count},\"calls\":{calls},\"p50us\":{Us(0.5):F1},\"p99us\":{Us(0.99):F1},\"p999us\":{Us(0.999):F1},\"maxUs\":{Us(1):F1},\"bytesPerCall\":{allocated / calls}}}"));
    }

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
