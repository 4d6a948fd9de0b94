using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tiergate.Bench.Identity.Population;
using Tiergate.Bench.Identity.Storage;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Bench.Identity.Timing;

/// <summary>
/// Times, on every provider in turn within each round (the order alternating round by round, so drift on a shared
/// machine falls on all alike): adding one newcomer's identifiers (one <see cref="IdentifierGraph.AttachManyAsync"/>, formerly an AttachAsync per
/// identifier, with the audit log that does nothing; the user row is inserted untimed beforehand, as sign-up would
/// have done with its password hashing and audit), one links query for a random account of the population, and one
/// for an account of a 50-account ring (the largest clusters), and, as the floor those are made of, one EF Core
/// look-up by primary key. Warm-up rounds are dropped; medians and p95 reported.
/// </summary>
internal static class LatencyHarness
{
    public sealed record Target(BenchDatabase Bench, IdentifierGraph Graph, long FirstUserId, long FirstNewcomerId);

    public static async Task<List<LatencySummary>> RunAsync(GeneratedPopulation population, IReadOnlyList<Target> targets, int rounds, int warmup, int seed)
    {
        if (population.Newcomers.Count < rounds + warmup)
        {
            throw new ArgumentException($"{rounds + warmup} rounds need as many newcomers; the population keeps {population.Newcomers.Count} (--newcomers).");
        }

        var random = new Random(seed + 1);
        var bigRing = population.Rings.Where(r => r.SharesStrong).MaxBy(r => r.Size);
        var samples = targets.ToDictionary(t => t.Bench.Provider, _ => (Attach: new List<Sample>(), Links: new List<Sample>(), Big: new List<Sample>(), Ids: new List<double>(), Floor: new List<Sample>()));
        var commands = targets.ToDictionary(t => t.Bench.Provider, _ => new long[4]);
        var counter = CommandCounter.Start();
        for (var round = 0; round < rounds + warmup; round++)
        {
            if (round == warmup)
            {
                counter.Dispose(); // Measured rounds run without the listener.
            }

            var newcomer = population.Newcomers[round];
            var account = random.Next(population.Accounts.Count);
            var member = bigRing is null ? account : bigRing.Accounts[random.Next(bigRing.Size)];
            var order = round % 2 == 0 ? targets : targets.Reverse();
            foreach (var target in order)
            {
                var c = commands[target.Bench.Provider];
                var before = counter.Count;
                var attach = await AttachAllAsync(target, newcomer);
                c[0] += counter.Count - before;
                before = counter.Count;
                var links = await TimeAsync(() => target.Graph.LinksAsync(target.FirstUserId + account));
                c[1] += counter.Count - before;
                before = counter.Count;
                var big = await TimeAsync(() => target.Graph.LinksAsync(target.FirstUserId + member));
                c[2] += counter.Count - before;
                before = counter.Count;
                var floor = await TimeAsync(() => FloorAsync(target, target.FirstUserId + account));
                c[3] += counter.Count - before;
                if (round >= warmup)
                {
                    var s = samples[target.Bench.Provider];
                    s.Attach.Add(attach);
                    s.Ids.Add(newcomer.Identifiers.Count);
                    s.Links.Add(links);
                    s.Big.Add(big);
                    s.Floor.Add(floor);
                }
            }
        }

        counter.Dispose();
        var summaries = new List<LatencySummary>();
        foreach (var (provider, s) in samples)
        {
            var c = commands[provider].Select(n => warmup == 0 ? 0 : (double)n / warmup).ToArray();
            summaries.Add(LatencySummary.Of(provider, $"attach one account (mean {s.Ids.Average():0.0} identifiers)", s.Attach, c[0]));
            summaries.Add(LatencySummary.Of(provider, "links, random account", s.Links, c[1]));
            summaries.Add(LatencySummary.Of(provider, $"links, account of a {bigRing?.Size ?? 0}-account ring", s.Big, c[2]));
            summaries.Add(LatencySummary.Of(provider, "floor: one EF Core look-up of a user by id", s.Floor, c[3]));
        }

        return summaries;
    }

    private static bool Normalises(Tiergate.Core.Identity.IdentifierKind kind, string raw)
    {
        try
        {
            IdentifierValues.Normalise(kind, raw);
            return true;
        }
        catch (Tiergate.Core.Errors.TiergateException)
        {
            return false;
        }
    }

    private static async Task<Sample> AttachAllAsync(Target target, Account newcomer)
    {
        var userId = target.FirstNewcomerId + newcomer.Index;
        // A value the normaliser refuses is left out (the bulk insert counts these: PreparedRows.Refused).
        var usable = newcomer.Identifiers.Where(i => Normalises(i.Kind, i.Raw)).Select(i => (i.Kind, i.Raw)).ToList();
        return await TimeAsync(() => target.Graph.AttachManyAsync(userId, usable, PreparedRows.Source, "bench"));
    }

    /// <summary>The cheapest query the graph's calls are made of (a fresh context, one look-up by primary key): the round-trip floor on this machine.</summary>
    private static async Task<bool> FloorAsync(Target target, long userId)
    {
        await using var db = target.Bench.Database.CreateContext();
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId);
    }

    private static async Task<Sample> TimeAsync<T>(Func<Task<T>> operation)
    {
        var cpu = ProcessCpu.Nanoseconds();
        var started = Stopwatch.GetTimestamp();
        _ = await operation();
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new Sample(wall, (ProcessCpu.Nanoseconds() - cpu) / 1e6);
    }
}
