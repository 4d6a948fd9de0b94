namespace Tiergate.Corpus.Formats;

/// <summary>Opens input files as decompressed byte streams.</summary>
public static class CorpusStreams
{
    private const int FileBufferSize = 1 << 20;

    public static Stream OpenRead(string path, CompressionKind compression) => OpenRead(path, compression, out _);

    /// <summary>As <see cref="OpenRead(string, CompressionKind)"/>, also giving the file under the decoder (its position is how far the input has been read on disk).</summary>
    public static Stream OpenRead(string path, CompressionKind compression, out FileStream file)
    {
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        try
        {
            return compression switch
            {
                CompressionKind.Zstd => OpenZstd(file),
                CompressionKind.Gzip => new GzipTrailerCheckStream(file),
                _ => file,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Decompresses zstd with the native libzstd when it loads, else with ZstdSharp.</summary>
    public static Stream OpenZstd(Stream compressed) =>
        NativeZstd.IsAvailable ? new NativeZstdDecompressionStream(compressed) : new ZstdSharp.DecompressionStream(compressed, FileBufferSize);
}
