using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>A reusable append-only byte buffer (one per worker per output).</summary>
public sealed class GrowableBuffer : IBufferWriter<byte>
{
    private byte[] _data;

    // Normal batches (a few MB) never grow a buffer this far, so only long lines pay for shrinking.
    private const int ShrinkAboveBytes = 32 << 20;

    private readonly int _initialCapacity;

    public GrowableBuffer(int capacity = 1 << 16)
    {
        _initialCapacity = capacity;
        _data = new byte[capacity];
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Empties the buffer, and gives memory back when one long line grew it far past its usual size.</summary>
    public void ClearAndShrink()
    {
        Length = 0;
        if (_data.Length > Math.Max(4 * _initialCapacity, ShrinkAboveBytes))
        {
            _data = new byte[_initialCapacity];
        }
    }

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Append(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _data.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        var need = Length + Math.Max(sizeHint, 1);
        if (need > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(need, _data.Length * 2));
        }
    }
}
