using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>Writes the log as JSON lines (see <see cref="AuditExportFormat"/>) from one consistent snapshot.</summary>
public static class AuditExporter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes every record up to the signed head; returns the number of records written.</summary>
    public static async Task<long> ExportAsync(
        Func<TiergateDbContext> contexts, AuditVerificationKey key, Stream output, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        await using var db = contexts();
        await using var snapshot = await AuditSnapshot.BeginAsync(db, cancellationToken);
        var head = await db.Set<AuditHeadEntity>().AsNoTracking()
            .FirstOrDefaultAsync(h => h.Id == AuditHeadEntity.SingletonId, cancellationToken);
        var checkpoints = (await db.Set<AuditCheckpointEntity>().AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(c => c.Sequence);
        var count = await db.Set<AuditRecordEntity>().LongCountAsync(cancellationToken);

        using var buffer = new MemoryStream();
        await using var writer = new Utf8JsonWriter(buffer);
        async Task FlushLineAsync()
        {
            await writer.FlushAsync(cancellationToken);
            buffer.Write(NewLine);
            if (buffer.Length > 1 << 16)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(output, cancellationToken);
                buffer.SetLength(0);
            }

            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        writer.WriteString("type", AuditExportFormat.Header);
        writer.WriteString("format", AuditExportFormat.Format);
        writer.WriteString("publicKey", key.ToBase64());
        writer.WriteString("keyId", key.KeyId);
        writer.WriteNumber("exportedAtUnixMs", time.GetUtcNow().ToUnixTimeMilliseconds());
        writer.WriteNumber("records", count);
        writer.WriteEndObject();
        await FlushLineAsync();

        long written = 0;
        await foreach (var record in db.Set<AuditRecordEntity>().AsNoTracking().OrderBy(r => r.Sequence)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            WriteRecord(writer, record);
            await FlushLineAsync();
            written++;
            if (checkpoints.Remove(record.Sequence, out var checkpoint))
            {
                WriteSeal(writer, AuditExportFormat.Checkpoint, checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAtUnixMs, checkpoint.KeyId, checkpoint.Signature);
                await FlushLineAsync();
            }
        }

        // Checkpoints past the last record (a truncated database) are exported too, so that the export's verification reports it.
        foreach (var checkpoint in checkpoints.Values.OrderBy(c => c.Sequence))
        {
            WriteSeal(writer, AuditExportFormat.Checkpoint, checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAtUnixMs, checkpoint.KeyId, checkpoint.Signature);
            await FlushLineAsync();
        }

        if (head is not null)
        {
            WriteSeal(writer, AuditExportFormat.Head, head.Sequence, head.Hash, head.CreatedAtUnixMs, head.KeyId, head.Signature);
            await FlushLineAsync();
        }

        await writer.FlushAsync(cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return written;
    }

    private static void WriteRecord(Utf8JsonWriter writer, AuditRecordEntity record)
    {
        writer.WriteStartObject();
        writer.WriteString("type", AuditExportFormat.Record);
        writer.WriteNumber("seq", record.Sequence);
        writer.WriteNumber("tsUnixMs", record.TimestampUnixMs);
        writer.WriteString("action", record.Action);
        writer.WriteString("actor", record.Actor);
        writer.WriteString("subject", record.Subject);
        writer.WriteString("outcome", record.Outcome);
        writer.WritePropertyName("details");
        if (record.Details is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(record.Details, skipInputValidation: false);
        }

        writer.WriteString("prevHash", Convert.ToHexStringLower(record.PreviousHash));
        writer.WriteString("hash", Convert.ToHexStringLower(record.Hash));
        writer.WriteEndObject();
    }

    private static void WriteSeal(Utf8JsonWriter writer, string type, long sequence, byte[] hash, long createdAt, string keyId, byte[] signature)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteNumber("seq", sequence);
        writer.WriteString("hash", Convert.ToHexStringLower(hash));
        writer.WriteNumber("createdAtUnixMs", createdAt);
        writer.WriteString("keyId", keyId);
        writer.WriteString("signature", Convert.ToBase64String(signature));
        writer.WriteEndObject();
    }
}
