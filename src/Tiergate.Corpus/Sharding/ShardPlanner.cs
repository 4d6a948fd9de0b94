using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Sharding;

/// <summary>
/// Turns input paths into a deterministic list of shards and picks one rank's share. Every rank
/// computes the same plan from the same arguments, so no coordination is needed.
/// </summary>
public static class ShardPlanner
{
    /// <summary>Expands files and directories (recursively, recognised extensions only), sorted by path.</summary>
    public static IReadOnlyList<string> ExpandInputs(IEnumerable<string> inputs, List<string> errors)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    if (InputKind.TryDetect(file, out _))
                    {
                        files.Add(file);
                    }
                }
            }
            else if (File.Exists(full))
            {
                if (InputKind.TryDetect(full, out _))
                {
                    files.Add(full);
                }
                else
                {
                    errors.Add($"--input {input}: unrecognised format (expected .jsonl/.ndjson/.json, optionally .gz/.zst, or .parquet)");
                }
            }
            else
            {
                errors.Add($"--input {input}: no such file or directory");
            }
        }

        return [.. files];
    }

    public static IReadOnlyList<Shard> Plan(IReadOnlyList<string> files, long splitBytes)
    {
        var root = CommonDirectory(files);
        var shards = new List<Shard>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            InputKind.TryDetect(file, out var kind);
            var size = SizeOf(file);
            var relative = Path.GetRelativePath(root, file);
            var stem = Path.Combine(Path.GetDirectoryName(relative) ?? string.Empty, InputKind.StemOf(relative));
            var baseName = stem.Replace(Path.DirectorySeparatorChar, '_').Replace(Path.AltDirectorySeparatorChar, '_');
            if (!used.Add(baseName))
            {
                // a.jsonl and a.jsonl.zst side by side: keep the full name to stay unique.
                baseName = relative.Replace(Path.DirectorySeparatorChar, '_').Replace('.', '_');
                used.Add(baseName);
            }

            var display = relative.Replace(Path.DirectorySeparatorChar, '/');
            var splittable = kind.Format == CorpusFormat.Jsonl && kind.Compression == CompressionKind.None && splitBytes > 0 && size > splitBytes;
            if (!splittable)
            {
                shards.Add(new Shard(shards.Count, baseName, file, display, kind, 0, long.MaxValue, size));
                continue;
            }

            var parts = (int)((size + splitBytes - 1) / splitBytes);
            for (var p = 0; p < parts; p++)
            {
                var start = p * splitBytes;
                var end = p == parts - 1 ? long.MaxValue : start + splitBytes;
                shards.Add(new Shard(shards.Count, $"{baseName}.part{p:D4}", file, display, kind, start, end, Math.Min(size, start + splitBytes) - start));
            }
        }

        return shards;
    }

    /// <summary>
    /// Longest-processing-time assignment: shards by size (largest first, then index) to the
    /// least-loaded rank (lowest rank on ties). Deterministic for a given plan and world size.
    /// </summary>
    public static IReadOnlyList<Shard> ForRank(IReadOnlyList<Shard> shards, int rank, int worldSize)
    {
        var load = new long[worldSize];
        var mine = new List<Shard>();
        foreach (var shard in shards.OrderByDescending(s => s.Size).ThenBy(s => s.Index))
        {
            var target = 0;
            for (var r = 1; r < worldSize; r++)
            {
                if (load[r] < load[target])
                {
                    target = r;
                }
            }

            load[target] += Math.Max(shard.Size, 1);
            if (target == rank)
            {
                mine.Add(shard);
            }
        }

        return [.. mine.OrderBy(s => s.Index)];
    }

    // A file that vanished or cannot be examined still gets a shard: processing reports it as unreadable-file.
    private static long SizeOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string CommonDirectory(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return Directory.GetCurrentDirectory();
        }

        var common = Path.GetDirectoryName(files[0])!;
        foreach (var file in files.Skip(1))
        {
            while (!file.StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal) && Path.GetDirectoryName(common) is { } parent)
            {
                common = parent;
            }
        }

        return common;
    }
}
