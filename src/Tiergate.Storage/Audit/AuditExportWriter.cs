using System.Text.Json;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Writes the lines of the JSON-lines export format (<see cref="AuditExportFormat"/>) to a stream,
/// buffered. Shared by <c>audit export</c> and <c>audit archive</c>, so an archive is an export.
/// </summary>
internal sealed class AuditExportWriter(Stream output) : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly MemoryStream _buffer = new();
    private Utf8JsonWriter? _writer;

    private Utf8JsonWriter Writer => _writer ??= new Utf8JsonWriter(_buffer);

    /// <param name="startsAfter">The signed anchor the first record continues (an archive, or a database whose older records were archived); null when the records start at 1.</param>
    public Task WriteHeaderAsync(AuditVerificationKey key, long exportedAtUnixMs, long records, AuditCheckpointEntity? startsAfter, CancellationToken cancellationToken)
    {
        var w = Writer;
        w.WriteStartObject();
        w.WriteString("type", AuditExportFormat.Header);
        w.WriteString("format", AuditExportFormat.Format);
        w.WriteString("publicKey", key.ToBase64());
        w.WriteString("keyId", key.KeyId);
        w.WriteNumber("exportedAtUnixMs", exportedAtUnixMs);
        w.WriteNumber("records", records);
        if (startsAfter is not null)
        {
            w.WritePropertyName(AuditExportFormat.StartsAfter);
            WriteSealObject(w, null, startsAfter.Sequence, startsAfter.Hash, startsAfter.CreatedAtUnixMs, startsAfter.KeyId, startsAfter.Signature);
        }

        w.WriteEndObject();
        return EndLineAsync(cancellationToken);
    }

    public Task WriteRecordAsync(AuditRecordEntity record, CancellationToken cancellationToken)
    {
        var w = Writer;
        w.WriteStartObject();
        w.WriteString("type", AuditExportFormat.Record);
        w.WriteNumber("seq", record.Sequence);
        w.WriteNumber("tsUnixMs", record.TimestampUnixMs);
        w.WriteString("action", record.Action);
        w.WriteString("actor", record.Actor);
        w.WriteString("subject", record.Subject);
        w.WriteString("outcome", record.Outcome);
        w.WritePropertyName("details");
        if (record.Details is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(record.Details, skipInputValidation: false);
        }

        w.WriteString("prevHash", Convert.ToHexStringLower(record.PreviousHash));
        w.WriteString("hash", Convert.ToHexStringLower(record.Hash));
        w.WriteEndObject();
        return EndLineAsync(cancellationToken);
    }

    /// <param name="type"><see cref="AuditExportFormat.Checkpoint"/> or <see cref="AuditExportFormat.Head"/>.</param>
    public Task WriteSealAsync(string type, AuditCheckpointEntity seal, CancellationToken cancellationToken)
    {
        WriteSealObject(Writer, type, seal.Sequence, seal.Hash, seal.CreatedAtUnixMs, seal.KeyId, seal.Signature);
        return EndLineAsync(cancellationToken);
    }

    /// <summary>Writes out what is buffered and flushes the stream.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await Writer.FlushAsync(cancellationToken);
        _buffer.Position = 0;
        await _buffer.CopyToAsync(output, cancellationToken);
        _buffer.SetLength(0);
        await output.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        await _buffer.DisposeAsync();
    }

    private static void WriteSealObject(Utf8JsonWriter w, string? type, long sequence, byte[] hash, long createdAt, string keyId, byte[] signature)
    {
        w.WriteStartObject();
        if (type is not null)
        {
            w.WriteString("type", type);
        }

        w.WriteNumber("seq", sequence);
        w.WriteString("hash", Convert.ToHexStringLower(hash));
        w.WriteNumber("createdAtUnixMs", createdAt);
        w.WriteString("keyId", keyId);
        w.WriteString("signature", Convert.ToBase64String(signature));
        w.WriteEndObject();
    }

    private async Task EndLineAsync(CancellationToken cancellationToken)
    {
        var w = Writer;
        await w.FlushAsync(cancellationToken);
        _buffer.Write(NewLine);
        if (_buffer.Length > 1 << 16)
        {
            _buffer.Position = 0;
            await _buffer.CopyToAsync(output, cancellationToken);
            _buffer.SetLength(0);
        }

        w.Reset(_buffer);
    }
}
