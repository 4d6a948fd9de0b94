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

    public NormalizedText(int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _utf8 = new byte[initialCapacity];
        _sourceStart = new int[initialCapacity];
        _sourceEnd = new int[initialCapacity];
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Utf8 => _utf8.AsSpan(0, Length);

    /// <summary>Start offset in the source of the code point that produced output byte <paramref name="index"/>.</summary>
    public int SourceStart(int index) => _sourceStart[index];

    /// <summary>End offset (exclusive) in the source of the code point that produced output byte <paramref name="index"/>.</summary>
    public int SourceEnd(int index) => _sourceEnd[index];

    /// <summary>Maps a range of normalised bytes back to the range of source text it covers.</summary>
    public (int Start, int End) MapToSource(int start, int length) =>
        (_sourceStart[start], _sourceEnd[start + length - 1]);

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8);

    internal void Clear() => Length = 0;

    internal byte LastByte => _utf8[Length - 1];

    internal void Append(byte value, int sourceStart, int sourceEnd)
    {
        if (Length == _utf8.Length)
        {
            Grow();
        }

        _utf8[Length] = value;
        _sourceStart[Length] = sourceStart;
        _sourceEnd[Length] = sourceEnd;
        Length++;
    }

    internal void AppendCodePoint(int codePoint, int sourceStart, int sourceEnd)
    {
        if (codePoint < 0x80)
        {
            Append((byte)codePoint, sourceStart, sourceEnd);
            return;
        }

        Span<byte> buffer = stackalloc byte[4];
        var written = new System.Text.Rune(codePoint).EncodeToUtf8(buffer);
        for (var i = 0; i < written; i++)
        {
            Append(buffer[i], sourceStart, sourceEnd);
        }
    }

    private void Grow()
    {
        var size = _utf8.Length * 2;
        Array.Resize(ref _utf8, size);
        Array.Resize(ref _sourceStart, size);
        Array.Resize(ref _sourceEnd, size);
    }
}
