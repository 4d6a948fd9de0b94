// Identity-graph measurement (issue 16): a seeded population with planted rings and realistic noise, bulk-inserted
// into fresh Tiergate databases, clustered by the real IdentifierGraph, scored, and timed. See bench/identity/run.sh.
//   providers: sqlite (full fsync per commit, the default), sqlite-normal (sqlite_full_sync: false), postgres (TIERGATE_TEST_POSTGRES)
//   run [--accounts 100000] [--seed 16] [--providers sqlite,postgres] [--rounds 300] [--warmup 40] [--keep] [--out report.json]
//   generate [--accounts N] [--seed S]   (population summary only, no database)
using System.Text.Json;
using Tiergate.Bench.Identity;
using Tiergate.Bench.Identity.Population;
using Tiergate.Bench;

try
{
    return args.Length == 0 ? Usage() : args[0] switch
    {
        "run" => await RunAsync(Arguments.Parse(args[1..]), string.Join(' ', args)),
        "generate" => Generate(Arguments.Parse(args[1..])),
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
    Console.Error.WriteLine("usage: run [--accounts 100000] [--seed 16] [--providers sqlite,postgres] [--rounds 300] [--warmup 40] [--keep] [--out report.json]");
    Console.Error.WriteLine("       generate [--accounts 100000] [--seed 16]");
    return 2;
}

static GeneratedPopulation Population(Arguments a, int newcomers)
{
    var started = System.Diagnostics.Stopwatch.StartNew();
    var options = new PopulationOptions { Accounts = a.Int("accounts", 100_000), Seed = a.Int("seed", 16), Newcomers = newcomers };
    var population = Generator.Generate(options);
    Console.Error.WriteLine($"generated {population.Accounts.Count:N0} accounts ({population.IdentifierCount:N0} identifiers, {population.Rings.Count} rings) and {population.Newcomers.Count} newcomers in {started.Elapsed.TotalSeconds:0.0} s");
    return population;
}

static int Generate(Arguments a)
{
    var summary = PopulationSummary.Of(Population(a, a.Int("newcomers", 400)));
    Console.WriteLine(JsonSerializer.Serialize(summary, Json.Options));
    return 0;
}

static async Task<int> RunAsync(Arguments a, string command)
{
    var rounds = a.Int("rounds", 300);
    var warmup = a.Int("warmup", 40);
    var population = Population(a, rounds + warmup);
    var providers = (a.Value("providers") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var report = await new BenchRunner(population, Console.Error).RunAsync(command, providers, rounds, warmup, a.Flag("keep"));
    if (a.Value("out") is { } path)
    {
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json.Options));
    }

    Console.WriteLine(report.ToMarkdown());
    return 0;
}
