using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// Splits a decompressed stream into <see cref="LineBatch"/>es of about <c>batchBytes</c>.
/// For a byte range [start, end) of an uncompressed file, a line belongs to the range its
/// first byte falls in, so adjacent ranges never share or lose a line. Read failures
/// (truncated zstd/gzip, I/O errors) end the shard with <see cref="LineBatch.ReadError"/> set
/// on the last batch instead of throwing.
/// </summary>
public sealed class LineBatchReader
{
    private readonly Stream _stream;
    private readonly long _end;
    private readonly int _batchBytes;
    private long _offset;
    private long _sequence;
    private long _lineIndex;
    private byte[] _buffer;
    private int _filled;
    private bool _eof;
    private string? _error;
    private bool _finished;

    /// <param name="stream">Decompressed input, positioned at <paramref name="start"/>.</param>
    /// <param name="start">Offset of the range's first byte; 0 for a whole file.</param>
    /// <param name="end">Offset just past the range; <see cref="long.MaxValue"/> for a whole file.</param>
    public LineBatchReader(Stream stream, long start, long end, int batchBytes)
    {
        _stream = stream;
        _end = end;
        _batchBytes = batchBytes;
        _offset = start;
        _buffer = ArrayPool<byte>.Shared.Rent(batchBytes + (batchBytes / 4));
        if (start > 0)
        {
            SkipPartialFirstLine();
        }
    }

    /// <summary>Total bytes consumed from the range so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next batch, or null when the range is done.</summary>
    public LineBatch? Next()
    {
        if (_finished)
        {
            return null;
        }

        while (true)
        {
            var lastNewline = _buffer.AsSpan(0, _filled).LastIndexOf((byte)'\n');
            if (_eof || (lastNewline >= 0 && _filled >= _batchBytes))
            {
                return Emit(lastNewline);
            }

            if (_filled == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _filled).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            Fill();
        }
    }

    private void Fill()
    {
        try
        {
            var n = _stream.Read(_buffer, _filled, _buffer.Length - _filled);
            if (n == 0)
            {
                _eof = true;
            }

            _filled += n;
            BytesRead += n;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ZstdSharp.ZstdException)
        {
            _eof = true;
            _error = ex.Message;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private LineBatch? Emit(int lastNewline)
    {
        // On EOF everything left is the final line (a file need not end with a newline).
        var take = _eof ? _filled : lastNewline + 1;
        var batch = new LineBatch(_sequence++, _buffer, take, _lineIndex, _offset);
        var span = _buffer.AsSpan(0, take);
        var pos = 0;
        var reachedEnd = false;
        while (pos < take)
        {
            if (_offset + pos >= _end)
            {
                reachedEnd = true;
                break;
            }

            var nl = span[pos..].IndexOf((byte)'\n');
            var length = nl < 0 ? take - pos : nl;
            batch.AddLine(pos, length);
            pos += length + 1;
        }

        _lineIndex += batch.LineCount;
        if (_eof || reachedEnd)
        {
            _finished = true;
            if (_error is not null && !reachedEnd)
            {
                batch.ReadError = _error;
                batch.LastLineIsPartial = _filled > 0 && _buffer[_filled - 1] != (byte)'\n';
            }

            _buffer = []; // the buffer now belongs to the batch
            return batch.LineCount == 0 && batch.ReadError is null ? DisposeEmpty(batch) : batch;
        }

        // Carry the bytes after the last newline into a fresh buffer; the old one now belongs to the batch.
        var rest = _filled - take;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_batchBytes + (_batchBytes / 4), rest * 2));
        _buffer.AsSpan(take, rest).CopyTo(next);
        _buffer = next;
        _filled = rest;
        _offset += take;
        return batch;
    }

    private static LineBatch? DisposeEmpty(LineBatch batch)
    {
        batch.Dispose();
        return null;
    }

    private void SkipPartialFirstLine()
    {
        // The line containing byte start-1 began in the previous range (or ends exactly at start-1).
        _stream.Seek(_offset - 1, SeekOrigin.Begin);
        var one = new byte[64 * 1024];
        var skipped = -1L;
        while (true)
        {
            var n = _stream.Read(one);
            if (n == 0)
            {
                _offset += skipped + 1;
                _stream.Seek(_offset, SeekOrigin.Begin);
                return;
            }

            var nl = one.AsSpan(0, n).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                skipped += nl + 1;
                _offset += skipped;
                _stream.Seek(_offset, SeekOrigin.Begin);
                return;
            }

            skipped += n;
        }
    }
}
