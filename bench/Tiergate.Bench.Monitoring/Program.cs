// Simulates a benign population with planted misuse in the replay format, and scores the alerts of
// `tiergate monitor replay --json` against the plants. See bench/monitoring/README.md.
//   simulate --out DIR [--users N] [--days D] [--seed S] [--scenarios N] [--warmup-days N] [--trips-per-month X] [--foreign-share X]
//   score --labels FILE --alerts FILE [--slack-hours H] [--json] [--out FILE]
using System.Globalization;
using System.Text.Json;
using Tiergate.Bench.Monitoring;
using Tiergate.Bench.Monitoring.Scoring;
using Tiergate.Bench.Monitoring.Simulation;
using Tiergate.Bench;

try
{
    return args.Length == 0 ? Usage() : args[0] switch
    {
        "simulate" => Simulate(Arguments.Parse(args[1..])),
        "score" => Score(Arguments.Parse(args[1..])),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: simulate --out DIR [--users N] [--days D] [--seed S] [--scenarios N] [--warmup-days N] [--trips-per-month X] [--foreign-share X]");
    Console.Error.WriteLine("       score --labels labels.json --alerts alerts.json [--slack-hours 2] [--json] [--out score.json]");
    return 2;
}

static int Simulate(Arguments a)
{
    var defaults = new SimulationOptions();
    var options = defaults with
    {
        Users = a.Int("users", defaults.Users),
        Days = a.Int("days", defaults.Days),
        Seed = a.Int("seed", defaults.Seed),
        ScenariosPerDetector = a.Int("scenarios", defaults.ScenariosPerDetector),
        WarmupDays = a.Int("warmup-days", defaults.WarmupDays),
        TripsPerMonth = a.Double("trips-per-month", defaults.TripsPerMonth),
        ForeignShare = a.Double("foreign-share", defaults.ForeignShare),
    };
    if (options.Days < options.WarmupDays + 4)
    {
        throw new ArgumentException($"--days must be at least the warm-up days + 4 ({options.WarmupDays + 4}).");
    }

    return Simulator.WriteFiles(options, a.Required("out"), Console.Error);
}

static int Score(Arguments a)
{
    var labels = JsonSerializer.Deserialize<LabelsFile>(File.ReadAllText(a.Required("labels")), Simulator.Json)
        ?? throw new ArgumentException("The labels file is empty.");
    var alerts = AlertsReader.Read(a.Required("alerts"));
    var report = Scorer.Score(labels, alerts, TimeSpan.FromHours(a.Double("slack-hours", 2)));
    var json = JsonSerializer.Serialize(report, Simulator.Json);
    if (a.Value("out") is { } path)
    {
        File.WriteAllText(path, json);
    }

    Console.WriteLine(a.Flag("json") ? json : report.ToMarkdown() + Environment.NewLine + json);
    return 0;
}
