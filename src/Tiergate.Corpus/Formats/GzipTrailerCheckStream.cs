using System.Buffers.Binary;
using System.IO.Compression;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// .NET's <see cref="GZipStream"/> ends quietly when the compressed file is cut short. This
/// wrapper compares the decompressed length with the ISIZE field of the file's gzip trailer
/// when the stream ends and throws <see cref="EndOfStreamException"/> on a mismatch. The check
/// is exact for single-member files (what gzip, and Tiergate's writer, produce); a concatenated
/// multi-member file is reported as truncated at its end even though all of it was read.
/// </summary>
internal sealed class GzipTrailerCheckStream : Stream
{
    private readonly GZipStream _inner;
    private readonly uint? _expectedSize;
    private long _total;
    private bool _checked;

    public GzipTrailerCheckStream(FileStream file)
    {
        if (file.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            file.Seek(0, SeekOrigin.Begin);
        }

        _inner = new GZipStream(file, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        _total += n;
        if (n == 0 && buffer.Length > 0 && !_checked)
        {
            _checked = true;
            if (_expectedSize is not { } expected || expected != (uint)_total)
            {
                throw new EndOfStreamException("gzip stream ended before its trailer (file truncated or corrupt)");
            }
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
