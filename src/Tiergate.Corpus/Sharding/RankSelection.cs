using System.Globalization;

namespace Tiergate.Corpus.Sharding;

/// <summary>
/// This process's rank and the world size: explicit options first, then the scheduler's
/// environment (Slurm job arrays, Kubernetes Indexed Jobs, torchrun-style RANK/WORLD_SIZE).
/// </summary>
public sealed record RankSelection(int Rank, int WorldSize, string Source)
{
    public static bool TryResolve(int? rank, int? worldSize, Func<string, string?> env, out RankSelection selection, out string error)
    {
        selection = new RankSelection(0, 1, "default");
        error = string.Empty;
        string source;
        int? envRank = null;
        int? envWorld = null;
        if (Int(env("SLURM_ARRAY_TASK_ID")) is { } task)
        {
            envRank = task - (Int(env("SLURM_ARRAY_TASK_MIN")) ?? 0);
            envWorld = Int(env("SLURM_ARRAY_TASK_COUNT"));
            source = "SLURM_ARRAY_TASK_ID";
        }
        else if (Int(env("JOB_COMPLETION_INDEX")) is { } index)
        {
            envRank = index;
            envWorld = Int(env("WORLD_SIZE"));
            source = "JOB_COMPLETION_INDEX";
        }
        else if (Int(env("RANK")) is { } r)
        {
            envRank = r;
            envWorld = Int(env("WORLD_SIZE"));
            source = "RANK";
        }
        else
        {
            source = "default";
        }

        var finalRank = rank ?? envRank ?? 0;
        var finalWorld = worldSize ?? envWorld ?? (rank is null && envRank is null ? 1 : 0);
        if (rank is not null || worldSize is not null)
        {
            source = rank is not null && worldSize is not null ? "options" : source + "+options";
        }

        if (finalWorld < 1)
        {
            error = $"rank {finalRank} (from {source}) needs a world size: pass --world-size (or set WORLD_SIZE / SLURM_ARRAY_TASK_COUNT)";
            return false;
        }

        if (finalRank < 0 || finalRank >= finalWorld)
        {
            error = $"rank {finalRank} is outside 0..{finalWorld - 1} (from {source})";
            return false;
        }

        selection = new RankSelection(finalRank, finalWorld, source);
        return true;
    }

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
