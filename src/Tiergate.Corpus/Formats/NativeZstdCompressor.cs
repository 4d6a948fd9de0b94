namespace Tiergate.Corpus.Formats;

/// <summary>One-shot zstd frame compression with the native libzstd; one instance per thread.</summary>
internal sealed class NativeZstdCompressor : IDisposable
{
    private readonly int _level;
    private nint _context;

    public NativeZstdCompressor(int level)
    {
        _level = level;
        _context = NativeZstd.CreateCCtx();
        if (_context == 0)
        {
            throw new InvalidOperationException("ZSTD_createCCtx failed");
        }
    }

    public static int Bound(int length) => checked((int)NativeZstd.CompressBound((nuint)length));

    /// <summary>Compresses <paramref name="data"/> as one frame into <paramref name="output"/> (at least <see cref="Bound"/> bytes).</summary>
    public unsafe int Compress(ReadOnlySpan<byte> data, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        fixed (byte* source = data)
        fixed (byte* destination = output)
        {
            return (int)NativeZstd.Check(NativeZstd.CompressCCtx(_context, destination, (nuint)output.Length, source, (nuint)data.Length, _level));
        }
    }

    public void Dispose()
    {
        if (_context != 0)
        {
            NativeZstd.FreeCCtx(_context);
            _context = 0;
        }
    }
}
