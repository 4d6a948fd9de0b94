using System.Buffers.Binary;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// Checks a Parquet file's frame before the library reads it: <c>PAR1</c> at both ends and a footer
/// length that fits in the file. A corrupt length would otherwise make the reader allocate whatever
/// the four bytes say.
/// </summary>
public static class ParquetFooterCheck
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Throws <see cref="InvalidDataException"/> naming what is wrong; leaves the stream at its start.</summary>
    public static void Check(Stream file)
    {
        var length = file.Length;
        if (length < 12)
        {
            throw new InvalidDataException($"not a Parquet file: {length} bytes, too short for the PAR1 header and footer");
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        file.Seek(0, SeekOrigin.Begin);
        file.ReadExactly(head);
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(tail);
        file.Seek(0, SeekOrigin.Begin);
        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a Parquet file: no PAR1 magic at its start and end (corrupt, truncated or encrypted)");
        }

        var footer = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footer == 0 || footer > length - 12)
        {
            throw new InvalidDataException($"corrupt Parquet footer: its length field says {footer} bytes, the file has {length}");
        }
    }
}
