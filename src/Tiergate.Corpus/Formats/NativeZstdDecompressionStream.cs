using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// Read-only stream decompressing zstd (one or more concatenated frames) with the native
/// libzstd. Corrupt input and input that ends inside a frame throw <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class NativeZstdDecompressionStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _input;
    private nint _stream;
    private int _inputStart;
    private int _inputEnd;
    private bool _innerEof;
    private bool _frameOpen;

    public NativeZstdDecompressionStream(Stream inner)
    {
        _inner = inner;
        _input = ArrayPool<byte>.Shared.Rent(Math.Max((int)NativeZstd.DStreamInSize(), 1 << 20));
        _stream = NativeZstd.CreateDStream();
        if (_stream == 0)
        {
            throw new InvalidOperationException("ZSTD_createDStream failed");
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_stream == 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            if (_inputStart == _inputEnd && !_innerEof)
            {
                _inputStart = 0;
                _inputEnd = _inner.Read(_input, 0, _input.Length);
                _innerEof = _inputEnd == 0;
            }

            if (_inputStart == _inputEnd && _innerEof)
            {
                if (_frameOpen)
                {
                    throw new InvalidDataException("zstd: truncated input (the last frame is incomplete)");
                }

                return 0;
            }

            fixed (byte* output = buffer)
            fixed (byte* input = _input)
            {
                var outBuffer = new NativeZstd.Buffer { Data = (nint)output, Size = (nuint)buffer.Length };
                var inBuffer = new NativeZstd.Buffer { Data = (nint)input, Size = (nuint)_inputEnd, Position = (nuint)_inputStart };
                var hint = NativeZstd.Check(NativeZstd.DecompressStream(_stream, &outBuffer, &inBuffer));
                _inputStart = (int)inBuffer.Position;
                _frameOpen = hint != 0;
                if (outBuffer.Position > 0)
                {
                    return (int)outBuffer.Position;
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_stream != 0)
        {
            NativeZstd.FreeDStream(_stream);
            _stream = 0;
            ArrayPool<byte>.Shared.Return(_input);
            if (disposing)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
