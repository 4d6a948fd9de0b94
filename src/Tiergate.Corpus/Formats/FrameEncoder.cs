using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// Compresses one batch's output as an independent zstd frame on the worker thread, so
/// compression runs on every core; a file of concatenated frames is an ordinary .zst file.
/// Uncompressed and gzip output pass the bytes through (gzip is compressed by the writer as one
/// member). One instance per worker.
/// </summary>
public sealed class FrameEncoder : IDisposable
{
    private readonly CompressionKind _compression;
    private readonly ZstdSharp.Compressor? _zstd;
    private readonly NativeZstdCompressor? _native;

    public FrameEncoder(CompressionKind compression, int zstdLevel)
    {
        _compression = compression;
        if (compression == CompressionKind.Zstd && NativeZstd.IsAvailable)
        {
            _native = new NativeZstdCompressor(zstdLevel);
        }
        else if (compression == CompressionKind.Zstd)
        {
            _zstd = new ZstdSharp.Compressor(zstdLevel);
        }
    }

    /// <summary>Returns pooled bytes ready to append to the output; the caller returns them to the pool.</summary>
    public PooledBytes Encode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return PooledBytes.Empty;
        }

        if (_native is not null)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(NativeZstdCompressor.Bound(data.Length));
            return new PooledBytes(buffer, _native.Compress(data, buffer));
        }

        if (_zstd is null || _compression != CompressionKind.Zstd)
        {
            var copy = ArrayPool<byte>.Shared.Rent(data.Length);
            data.CopyTo(copy);
            return new PooledBytes(copy, data.Length);
        }

        var bound = ZstdSharp.Compressor.GetCompressBound(data.Length);
        var output = ArrayPool<byte>.Shared.Rent(bound);
        var written = _zstd.Wrap(data, output);
        return new PooledBytes(output, written);
    }

    public void Dispose()
    {
        _zstd?.Dispose();
        _native?.Dispose();
    }
}
