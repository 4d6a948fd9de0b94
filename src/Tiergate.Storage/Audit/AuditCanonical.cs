using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Storage.Audit;

/// <summary>
/// The byte forms that are hashed and signed. A record's canonical bytes are a fixed magic, the
/// sequence and timestamp as big-endian 64-bit integers, each text field as a big-endian 32-bit
/// length (-1 for null) followed by its UTF-8, then the previous record's hash. Length prefixes make
/// the encoding unambiguous: no two different records share canonical bytes.
/// </summary>
public static class AuditCanonical
{
    public const int HashLength = 32;

    private static readonly byte[] RecordMagic = "TGAUDIT1"u8.ToArray();
    private static readonly byte[] CheckpointMagic = "TGAUDCP1"u8.ToArray();

    /// <summary>The previous hash of record 1.</summary>
    public static byte[] GenesisHash() => new byte[HashLength];

    public static byte[] RecordBytes(AuditRecordEntity record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var stream = new MemoryStream(256);
        stream.Write(RecordMagic);
        WriteInt64(stream, record.Sequence);
        WriteInt64(stream, record.TimestampUnixMs);
        WriteText(stream, record.Action);
        WriteText(stream, record.Actor);
        WriteText(stream, record.Subject);
        WriteText(stream, record.Outcome);
        WriteText(stream, record.Details);
        stream.Write(record.PreviousHash);
        return stream.ToArray();
    }

    /// <summary>SHA-256 of <see cref="RecordBytes"/>: what the next record stores as its previous hash.</summary>
    public static byte[] HashRecord(AuditRecordEntity record) => SHA256.HashData(RecordBytes(record));

    /// <summary>What a checkpoint (or the head) signs: "record <paramref name="sequence"/> has hash <paramref name="hash"/>".</summary>
    public static byte[] CheckpointPayload(long sequence, ReadOnlySpan<byte> hash, long createdAtUnixMs)
    {
        var payload = new byte[CheckpointMagic.Length + 8 + HashLength + 8];
        CheckpointMagic.CopyTo(payload, 0);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(8), sequence);
        hash.CopyTo(payload.AsSpan(16, HashLength));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16 + HashLength), createdAtUnixMs);
        return payload;
    }

    private static void WriteInt64(Stream stream, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void WriteText(Stream stream, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            stream.Write(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
