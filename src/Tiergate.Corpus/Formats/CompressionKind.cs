namespace Tiergate.Corpus.Formats;

public enum CompressionKind
{
    None,
    Gzip,
    Zstd,
}
