using System.Text.Json;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Verifies an export file on its own (no database needed), against a trusted public key: the
/// chain, every checkpoint, and the head on the last line (an export cut short has none).
/// </summary>
public static class AuditExportVerifier
{
    public static async Task<AuditVerificationResult> VerifyAsync(string path, AuditVerificationKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        AuditHeadEntity? head = null;
        var checkpoints = new List<AuditCheckpointEntity>();
        var lineNumber = 0;
        string? headerKeyId = null;
        AuditCheckpointEntity? startsAfter = null;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (!TryParse(line, out var root))
            {
                return Broken($"line {lineNumber} is not valid JSON (the export is damaged or cut short)", key);
            }

            using (root)
            try
            {
                var type = root.RootElement.GetProperty("type").GetString();
                switch (type)
                {
                    case AuditExportFormat.Header:
                        if (lineNumber != 1 || root.RootElement.GetProperty("format").GetString() != AuditExportFormat.Format)
                        {
                            return Broken($"line {lineNumber}: not a {AuditExportFormat.Format} header", key);
                        }

                        headerKeyId = root.RootElement.GetProperty("keyId").GetString();
                        if (root.RootElement.TryGetProperty(AuditExportFormat.StartsAfter, out var anchor))
                        {
                            startsAfter = ReadCheckpoint(anchor);
                        }

                        break;
                    case AuditExportFormat.Checkpoint:
                        checkpoints.Add(ReadCheckpoint(root.RootElement));
                        break;
                    case AuditExportFormat.Head:
                        var seal = ReadCheckpoint(root.RootElement);
                        head = new AuditHeadEntity { Sequence = seal.Sequence, Hash = seal.Hash, CreatedAtUnixMs = seal.CreatedAtUnixMs, KeyId = seal.KeyId, Signature = seal.Signature };
                        break;
                    case AuditExportFormat.Record:
                        break;
                    default:
                        return Broken($"line {lineNumber}: unknown line type '{type}'", key);
                }
            }
            catch (Exception ex) when (ex is KeyNotFoundException or FormatException or InvalidOperationException)
            {
                return Broken($"line {lineNumber}: malformed {ex.Message}", key);
            }
        }

        if (headerKeyId is null)
        {
            return Broken("the export has no header line", key);
        }

        if (!string.Equals(headerKeyId, key.KeyId, StringComparison.Ordinal))
        {
            return Broken($"the export was sealed with key {headerKeyId}, not the trusted key {key.KeyId}", key);
        }

        var verifier = new AuditChainVerifier(key, head, checkpoints);
        if (startsAfter is not null && !verifier.StartAfter(startsAfter))
        {
            return verifier.Complete();
        }

        lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("type").GetString() != AuditExportFormat.Record)
            {
                continue;
            }

            AuditRecordEntity record;
            try
            {
                record = ReadRecord(document.RootElement);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or FormatException or InvalidOperationException)
            {
                return Broken($"line {lineNumber}: malformed record ({ex.Message})", key);
            }

            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    /// <summary>The signed head on an export's last line, to use as an anchor for later checks of the database; null when absent.</summary>
    public static async Task<AuditCheckpointEntity?> ReadHeadAsync(string path, CancellationToken cancellationToken = default) =>
        (await ReadBoundsAsync(path, cancellationToken)).Head;

    /// <summary>
    /// Where an export or archive begins (the signed anchor its header names; null when it starts at
    /// record 1) and its signed head (null when absent). Call after <see cref="VerifyAsync"/> has
    /// passed: this reads the seals, it does not check them.
    /// </summary>
    public static async Task<(AuditCheckpointEntity? StartsAfter, AuditCheckpointEntity? Head)> ReadBoundsAsync(string path, CancellationToken cancellationToken = default)
    {
        AuditCheckpointEntity? head = null;
        AuditCheckpointEntity? startsAfter = null;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (line.Length > 0 && TryParse(line, out var document))
            {
                using (document)
                {
                    var type = document.RootElement.GetProperty("type").GetString();
                    if (type == AuditExportFormat.Head)
                    {
                        head = ReadCheckpoint(document.RootElement);
                    }
                    else if (type == AuditExportFormat.Header && document.RootElement.TryGetProperty(AuditExportFormat.StartsAfter, out var anchor))
                    {
                        startsAfter = ReadCheckpoint(anchor);
                    }
                }
            }
        }

        return (startsAfter, head);
    }

    private static bool TryParse(string line, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out _);
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static AuditVerificationResult Broken(string problem, AuditVerificationKey key) =>
        new(false, 0, 0, 0, null, problem, key.KeyId);

    private static AuditRecordEntity ReadRecord(JsonElement e)
    {
        var details = e.GetProperty("details");
        return new AuditRecordEntity
        {
            Sequence = e.GetProperty("seq").GetInt64(),
            TimestampUnixMs = e.GetProperty("tsUnixMs").GetInt64(),
            Action = e.GetProperty("action").GetString() ?? "",
            Actor = e.GetProperty("actor").GetString() ?? "",
            Subject = e.GetProperty("subject").GetString(),
            Outcome = e.GetProperty("outcome").GetString() ?? "",
            Details = details.ValueKind == JsonValueKind.Null ? null : details.GetRawText(),
            PreviousHash = Convert.FromHexString(e.GetProperty("prevHash").GetString() ?? ""),
            Hash = Convert.FromHexString(e.GetProperty("hash").GetString() ?? ""),
        };
    }

    private static AuditCheckpointEntity ReadCheckpoint(JsonElement e) => new()
    {
        Sequence = e.GetProperty("seq").GetInt64(),
        Hash = Convert.FromHexString(e.GetProperty("hash").GetString() ?? ""),
        CreatedAtUnixMs = e.GetProperty("createdAtUnixMs").GetInt64(),
        KeyId = e.GetProperty("keyId").GetString() ?? "",
        Signature = Convert.FromBase64String(e.GetProperty("signature").GetString() ?? ""),
    };
}
