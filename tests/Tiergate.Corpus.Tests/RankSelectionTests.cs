using Tiergate.Corpus.Sharding;

namespace Tiergate.Corpus.Tests;

public sealed class RankSelectionTests
{
    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "8", 4, 8)] // with SLURM_ARRAY_TASK_MIN=1
    [InlineData("JOB_COMPLETION_INDEX", "2", "WORLD_SIZE", "4", 2, 4)]
    [InlineData("RANK", "1", "WORLD_SIZE", "3", 1, 3)]
    public void TryResolve_SchedulerEnvironment_UsesIt(string rankVar, string rankValue, string worldVar, string worldValue, int rank, int world)
    {
        var env = new Dictionary<string, string> { [rankVar] = rankValue, [worldVar] = worldValue, ["SLURM_ARRAY_TASK_MIN"] = "1" };

        Assert.True(RankSelection.TryResolve(null, null, k => env.GetValueOrDefault(k), out var selection, out _));

        Assert.Equal((rank, world), (selection.Rank, selection.WorldSize));
    }

    [Fact]
    public void ForRank_AllRanks_CoverEveryShardExactlyOnce()
    {
        var shards = Enumerable.Range(0, 37).Select(i => new Shard(i, $"s{i}", $"/x/s{i}", $"s{i}", default, 0, long.MaxValue, (i * 7919) % 1000)).ToList();

        var assigned = Enumerable.Range(0, 4).SelectMany(r => ShardPlanner.ForRank(shards, r, 4)).Select(s => s.Index).Order().ToArray();

        Assert.Equal(Enumerable.Range(0, 37).ToArray(), assigned);
    }
}
