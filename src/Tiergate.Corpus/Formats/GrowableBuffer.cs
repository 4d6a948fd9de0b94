using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>A reusable append-only byte buffer (one per worker per output).</summary>
public sealed class GrowableBuffer : IBufferWriter<byte>
{
    private byte[] _data;

    public GrowableBuffer(int capacity = 1 << 16) => _data = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, Length);

    public void Clear() => Length = 0;

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
