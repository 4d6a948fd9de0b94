namespace Tiergate.Corpus.Formats;

/// <summary>The format and compression of an input file, told by its name.</summary>
public readonly record struct InputKind(CorpusFormat Format, CompressionKind Compression)
{
    private static readonly string[] JsonlExtensions = [".jsonl", ".ndjson", ".json"];

    /// <summary>Recognises <c>.jsonl/.ndjson/.json</c> (optionally <c>.gz</c>, <c>.zst</c>, <c>.zstd</c>) and <c>.parquet</c>.</summary>
    public static bool TryDetect(string path, out InputKind kind)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        kind = default;
        if (name.EndsWith(".parquet", StringComparison.Ordinal))
        {
            kind = new InputKind(CorpusFormat.Parquet, CompressionKind.None);
            return true;
        }

        var compression = CompressionKind.None;
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            compression = CompressionKind.Gzip;
            name = name[..^3];
        }
        else if (name.EndsWith(".zst", StringComparison.Ordinal))
        {
            compression = CompressionKind.Zstd;
            name = name[..^4];
        }
        else if (name.EndsWith(".zstd", StringComparison.Ordinal))
        {
            compression = CompressionKind.Zstd;
            name = name[..^5];
        }

        if (JsonlExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal)))
        {
            kind = new InputKind(CorpusFormat.Jsonl, compression);
            return true;
        }

        return false;
    }

    /// <summary>The file name without its format and compression extensions.</summary>
    public static string StemOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var ext in new[] { ".gz", ".zst", ".zstd" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^ext.Length];
                break;
            }
        }

        foreach (var ext in new[] { ".jsonl", ".ndjson", ".json", ".parquet" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^ext.Length];
            }
        }

        return name;
    }

    public static string Extension(CorpusFormat format, CompressionKind compression) => (format, compression) switch
    {
        (CorpusFormat.Parquet, _) => ".parquet",
        (_, CompressionKind.Zstd) => ".jsonl.zst",
        (_, CompressionKind.Gzip) => ".jsonl.gz",
        _ => ".jsonl",
    };
}
