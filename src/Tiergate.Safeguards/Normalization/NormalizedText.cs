using System.Runtime.CompilerServices;

namespace Tiergate.Safeguards.Normalization;

/// <summary>
/// A reusable buffer holding normalised text as UTF-8 (words separated by one space) and, for every
/// output byte, the span of the source text (UTF-16 code units or UTF-8 bytes) it came from.
/// Reuse one instance per thread to keep the hot path allocation-free.
/// </summary>
public sealed class NormalizedText
{
    private byte[] _utf8;
    private int[] _sourceStart;
    private int[] _sourceEnd;

    /// <param name="initialCapacity">Initial size in bytes; the buffer grows as needed.</param>
    /// <param name="trackSourceOffsets">False skips the map back to source offsets (classification needs none).</param>
    public NormalizedText(int initialCapacity = 1024, bool trackSourceOffsets = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        TracksSourceOffsets = trackSourceOffsets;
        _utf8 = new byte[initialCapacity];
        _sourceStart = trackSourceOffsets ? new int[initialCapacity] : [];
        _sourceEnd = trackSourceOffsets ? new int[initialCapacity] : [];
    }

    public bool TracksSourceOffsets { get; }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Utf8 => _utf8.AsSpan(0, Length);

    /// <summary>Start offset in the source of the code point that produced output byte <paramref name="index"/>.</summary>
    public int SourceStart(int index) => _sourceStart[index];

    /// <summary>End offset (exclusive) in the source of the code point that produced output byte <paramref name="index"/>.</summary>
    public int SourceEnd(int index) => _sourceEnd[index];

    /// <summary>Maps a range of normalised bytes back to the range of source text it covers.</summary>
    public (int Start, int End) MapToSource(int start, int length) =>
        TracksSourceOffsets
            ? (_sourceStart[start], _sourceEnd[start + length - 1])
            : throw new InvalidOperationException("This buffer does not track source offsets.");

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8);

    internal void Clear() => Length = 0;

    /// <summary>Drops everything after the first <paramref name="length"/> bytes (a streamed text's provisional end).</summary>
    internal void Truncate(int length) => Length = Math.Min(Length, length);

    internal byte LastByte => _utf8[Length - 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Append(byte value, int sourceStart, int sourceEnd)
    {
        var length = Length;
        if ((uint)length >= (uint)_utf8.Length)
        {
            Grow();
        }

        _utf8[length] = value;
        if (TracksSourceOffsets)
        {
            _sourceStart[length] = sourceStart;
            _sourceEnd[length] = sourceEnd;
        }

        Length = length + 1;
    }

    internal void AppendCodePoint(int codePoint, int sourceStart, int sourceEnd)
    {
        if (codePoint < 0x80)
        {
            Append((byte)codePoint, sourceStart, sourceEnd);
        }
        else if (codePoint < 0x800)
        {
            Append((byte)(0xC0 | (codePoint >> 6)), sourceStart, sourceEnd);
            Append((byte)(0x80 | (codePoint & 0x3F)), sourceStart, sourceEnd);
        }
        else if (codePoint < 0x10000)
        {
            Append((byte)(0xE0 | (codePoint >> 12)), sourceStart, sourceEnd);
            Append((byte)(0x80 | ((codePoint >> 6) & 0x3F)), sourceStart, sourceEnd);
            Append((byte)(0x80 | (codePoint & 0x3F)), sourceStart, sourceEnd);
        }
        else
        {
            Append((byte)(0xF0 | (codePoint >> 18)), sourceStart, sourceEnd);
            Append((byte)(0x80 | ((codePoint >> 12) & 0x3F)), sourceStart, sourceEnd);
            Append((byte)(0x80 | ((codePoint >> 6) & 0x3F)), sourceStart, sourceEnd);
            Append((byte)(0x80 | (codePoint & 0x3F)), sourceStart, sourceEnd);
        }
    }

    /// <summary>Appends ASCII letters (lowered) and digits (leet-folded when asked), one source unit each, from <paramref name="sourceStart"/>.</summary>
    internal void AppendAsciiLower<T>(ReadOnlySpan<T> letters, int sourceStart, bool leetDigits)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        while (Length + letters.Length > _utf8.Length)
        {
            Grow();
        }

        var bytes = _utf8.AsSpan(Length, letters.Length);
        for (var i = 0; i < letters.Length; i++)
        {
            bytes[i] = (byte)(byte.CreateTruncating(letters[i]) | 0x20);
        }

        if (leetDigits)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if ((uint)(bytes[i] - '0') <= 9)
                {
                    bytes[i] = (byte)LeetTable.ToLetter(bytes[i]);
                }
            }
        }

        if (TracksSourceOffsets)
        {
            var starts = _sourceStart.AsSpan(Length, letters.Length);
            var ends = _sourceEnd.AsSpan(Length, letters.Length);
            for (var i = 0; i < letters.Length; i++)
            {
                starts[i] = sourceStart + i;
                ends[i] = sourceStart + i + 1;
            }
        }

        Length += letters.Length;
    }

    /// <summary>Room for <paramref name="count"/> more bytes at the end (buffers without source offsets only); commit with <see cref="Advance"/>.</summary>
    internal Span<byte> GetAppendSpan(int count)
    {
        while (Length + count > _utf8.Length)
        {
            Grow();
        }

        return _utf8.AsSpan(Length);
    }

    internal void Advance(int count) => Length += count;

    private void Grow()
    {
        var size = _utf8.Length * 2;
        Array.Resize(ref _utf8, size);
        if (TracksSourceOffsets)
        {
            Array.Resize(ref _sourceStart, size);
            Array.Resize(ref _sourceEnd, size);
        }
    }
}
