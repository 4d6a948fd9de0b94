using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>Bytes in a rented array; <see cref="Return"/> gives the array back to the shared pool.</summary>
public readonly record struct PooledBytes(byte[]? Array, int Length)
{
    public static PooledBytes Empty => default;

    public ReadOnlySpan<byte> Span => Array is null ? default : Array.AsSpan(0, Length);

    public void Return()
    {
        if (Array is not null)
        {
            ArrayPool<byte>.Shared.Return(Array);
        }
    }
}
