using System.Diagnostics;
using Tiergate.Bench.Identity.Population;
using Tiergate.Bench.Identity.Scoring;
using Tiergate.Bench.Identity.Storage;
using Tiergate.Bench.Identity.Timing;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Bench.Identity;

/// <summary>Loads the population into each provider, clusters and scores it there, then times attach and links across all of them.</summary>
internal sealed class BenchRunner(GeneratedPopulation population, TextWriter log)
{
    public const int OrdinarySample = 1_000;

    public async Task<BenchReport> RunAsync(string command, IReadOnlyList<string> providers, int rounds, int warmup, bool keep)
    {
        var results = new List<ProviderResult>();
        var targets = new List<LatencyHarness.Target>();
        var databases = new List<BenchDatabase>();
        try
        {
            foreach (var provider in providers)
            {
                var bench = await BenchDatabase.CreateAsync(provider, keep);
                databases.Add(bench);
                var (result, target) = await LoadAndScoreAsync(bench);
                results.Add(result);
                targets.Add(target);
            }

            log.WriteLine($"timing: {warmup} warm-up and {rounds} measured rounds, providers interleaved...");
            var latency = await LatencyHarness.RunAsync(population, targets, rounds, warmup, population.Options.Seed);
            return new BenchReport(command, population.Options.Seed, PopulationSummary.Of(population), results, latency);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    private async Task<(ProviderResult, LatencyHarness.Target)> LoadAndScoreAsync(BenchDatabase bench)
    {
        var ring = bench.Database.KeyRing!;
        var now = DateTimeOffset.UtcNow;
        var firstUserId = await BulkLoader.MaxUserIdAsync(bench) + 1;
        var clock = Stopwatch.StartNew();
        var rows = PreparedRows.For(population.Accounts, firstUserId, ring, now);
        var prepare = clock.Elapsed.TotalSeconds;
        log.WriteLine($"{bench.Provider}: prepared {rows.Users.Count:N0} users and {rows.Identifiers.Count:N0} identifier rows (encrypt, normalise, HMAC) in {prepare:0.0} s");

        clock.Restart();
        await BulkLoader.LoadAsync(bench, rows.Users, rows.Identifiers);
        var load = clock.Elapsed.TotalSeconds;
        log.WriteLine($"{bench.Provider}: bulk insert in {load:0.0} s");
        if (bench.WithExperimentalIndex)
        {
            await BulkLoader.ExecuteAsync(bench, BenchDatabase.ExperimentalIndex);
        }

        var graph = new IdentifierGraph(bench.Database, new NullAuditLog(), TimeProvider.System);
        clock.Restart();
        var clusterCount = await graph.RebuildClustersAsync("bench");
        var rebuild = clock.Elapsed.TotalSeconds;
        log.WriteLine($"{bench.Provider}: RebuildClustersAsync: {clusterCount:N0} clusters in {rebuild:0.0} s");

        var labelsById = await BulkLoader.ClusterLabelsAsync(bench);
        var labels = population.Accounts.Select(a => labelsById.TryGetValue(firstUserId + a.Index, out var l) ? (long?)l : null).ToList();
        var clusters = ClusterScorer.Score(population, labels);
        var possible = bench.ScoresListings ? await ScorePossibleAsync(graph, firstUserId) : null;
        log.WriteLine($"{bench.Provider}: pair precision {clusters.PairPrecision:0.0000}, pair recall {clusters.PairRecall:0.0000}, weak-only pairs listed {possible?.WeakPairRecall:0.000}");

        // The newcomers' user rows, untimed (sign-up's own cost is not the graph's); the harness attaches their identifiers.
        var firstNewcomerId = await BulkLoader.MaxUserIdAsync(bench) + 1;
        var newcomers = PreparedRows.For(population.Newcomers, firstNewcomerId, ring, now);
        await BulkLoader.LoadAsync(bench, newcomers.Users, []);
        var refused = rows.Refused.ToDictionary(r => PreparedRows.NameOf(r.Key), r => r.Value);
        return (new ProviderResult(bench.Provider, prepare, load, rebuild, rows.Identifiers.Count, refused, clusters, possible),
            new LatencyHarness.Target(bench, graph, firstUserId, firstNewcomerId));
    }

    /// <summary>Links queries for every ring account and for a seeded sample of ordinary accounts.</summary>
    private async Task<PossibleScore> ScorePossibleAsync(IdentifierGraph graph, long firstUserId)
    {
        var random = new Random(population.Options.Seed + 2);
        var ordinary = Enumerable.Range(0, population.Accounts.Count).Where(i => population.Accounts[i].RingId < 0)
            .OrderBy(_ => random.Next()).Take(OrdinarySample).ToList();
        var queried = population.Rings.SelectMany(r => r.Accounts).Concat(ordinary).Distinct();
        var listed = new Dictionary<int, IReadOnlySet<int>>();
        var possible = new Dictionary<int, IReadOnlySet<int>>();
        foreach (var index in queried)
        {
            var links = await graph.LinksAsync(firstUserId + index);
            int ToIndex(long userId) => (int)(userId - firstUserId);
            var maybe = links.Possible.Select(p => ToIndex(p.UserId)).Where(i => i >= 0 && i < population.Accounts.Count).ToHashSet();
            possible[index] = maybe;
            listed[index] = links.Cluster.Select(c => ToIndex(c.UserId)).Where(i => i != index).Concat(maybe).ToHashSet();
        }

        return PossibleScorer.Score(population, listed, possible, ordinary);
    }
}
