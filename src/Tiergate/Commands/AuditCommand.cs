using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Crypto;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate audit verify [--export FILE | --against FILE] [--public-key FILE]</c> and
/// <c>tiergate audit export --output FILE</c>; <c>audit verify --archive FILE...</c> checks archives
/// and the database as one chain, and <c>audit archive</c> is <see cref="AuditArchiveCommand"/>.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(Func<ParseResult, StorageOptions> storage)
    {
        var exportFile = new Option<string?>("--export") { Description = "Verify this export file (JSON lines) instead of the database." };
        var against = new Option<string?>("--against")
        {
            Description = "An earlier export (kept off the host): the database must still hold everything it sealed (detects a rollback).",
        };
        var archives = new Option<string[]>("--archive")
        {
            Description = "Archives written by `audit archive` (any order): they and the database must form one chain from record 1.",
            AllowMultipleArgumentsPerToken = true,
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "Trusted Ed25519 public key file (base64). Default: the data directory's signing key, or DATA_DIR/audit-signing.pub.",
        };
        var outputFile = new Option<string>("--output") { Description = "Where to write the export (JSON lines).", Required = true };

        var verify = new Command("verify", "Check the audit chain, its signed checkpoints and head; exits 1 and names the first bad record.") { exportFile, against, archives, publicKey };
        verify.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var options = storage(result);
            try
            {
                var key = TrustedKey(options, result.GetValue(publicKey));
                AuditVerificationResult verification;
                var source = result.GetValue(exportFile);
                if (source is not null)
                {
                    verification = await AuditExportVerifier.VerifyAsync(source, key, ct);
                }
                else
                {
                    var anchors = new List<AuditCheckpointEntity>();
                    if (result.GetValue(against) is { } earlier)
                    {
                        var exported = await AuditExportVerifier.VerifyAsync(earlier, key, ct);
                        if (!exported.Ok)
                        {
                            return Report(output, exported, earlier);
                        }

                        if (await AuditExportVerifier.ReadHeadAsync(earlier, ct) is { } sealedHead)
                        {
                            anchors.Add(sealedHead);
                        }
                    }

                    var database = await TiergateDatabase.OpenExistingAsync(options, ct);
                    var archiveFiles = result.GetValue(archives) ?? [];
                    verification = archiveFiles.Length > 0
                        ? await AuditArchiveChainVerifier.VerifyAsync(archiveFiles, database.CreateContext, key, anchors, ct)
                        : await AuditDatabaseVerifier.VerifyAsync(database.CreateContext, key, anchors, ct);
                }

                var archived = result.GetValue(archives) is { Length: > 0 } files ? $"{files.Length} archives and the database" : "database";
                return Report(output, verification, source ?? archived);
            }
            catch (TiergateException e)
            {
                return output.Failure(e.Code, e.Message);
            }
            catch (Exception e) when (IsSetupFailure(e))
            {
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot verify the audit log: {e.Message}");
            }
        });

        var export = new Command("export", "Write the audit log, with its signed checkpoints and head, as JSON lines for storage off the host.") { outputFile, publicKey };
        export.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var options = storage(result);
            var path = result.GetValue(outputFile)!;
            try
            {
                var key = TrustedKey(options, result.GetValue(publicKey));
                var database = await TiergateDatabase.OpenExistingAsync(options, ct);
                long records;
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    records = await AuditExporter.ExportAsync(database.CreateContext, key, file, TimeProvider.System, ct);
                    file.Flush(flushToDisk: true);
                }

                var verification = await AuditExportVerifier.VerifyAsync(path, key, ct);
                var text = verification.Ok
                    ? $"Exported {records} audit records to {path}; the export verifies (key {key.KeyId})."
                    : $"Exported {records} audit records to {path}, but the exported chain FAILS verification: {verification.Problem}";
                output.Success(new { output = path, records, verification = Describe(verification) }, text);
                return verification.Ok ? 0 : 1;
            }
            catch (TiergateException e)
            {
                return output.Failure(e.Code, e.Message);
            }
            catch (Exception e) when (IsSetupFailure(e))
            {
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot export the audit log: {e.Message}");
            }
        });

        return new Command("audit", "Verify, export and archive the tamper-evident audit log.") { verify, export, AuditArchiveCommand.Create(storage) };
    }

    private static AuditVerificationKey TrustedKey(StorageOptions storage, string? publicKeyFile)
    {
        if (publicKeyFile is not null)
        {
            return AuditVerificationKey.FromFile(publicKeyFile);
        }

        using (var signing = AuditSigningKey.TryLoad(storage))
        {
            if (signing is not null)
            {
                return signing.VerificationKey;
            }
        }

        var published = AuditSigningKey.PublicKeyPath(storage);
        return File.Exists(published)
            ? AuditVerificationKey.FromFile(published)
            : throw new CryptographicSetupException(
                $"no trusted public key: pass --public-key, set {AuditSigningKey.EnvironmentVariable}, or point --data at the directory holding secrets/audit-signing.key");
    }

    private static int Report(Output output, AuditVerificationResult verification, string source)
    {
        var text = verification.Ok
            ? $"Audit log ({source}) verified: {verification.RecordsChecked} records, {verification.CheckpointsChecked} signed checkpoints, sealed at record {verification.LastSequence} by key {verification.KeyId}."
            : verification.FirstBadSequence is { } bad
                ? $"Audit log ({source}) FAILED verification at record {bad}: {verification.Problem}"
                : $"Audit log ({source}) FAILED verification: {verification.Problem}";
        if (!verification.Ok && !output.IsJson)
        {
            System.Console.Error.WriteLine(text);
            return 1;
        }

        output.Success(Describe(verification), text);
        return verification.Ok ? 0 : 1;
    }

    private static object Describe(AuditVerificationResult v) => new
    {
        ok = v.Ok,
        records_checked = v.RecordsChecked,
        checkpoints_checked = v.CheckpointsChecked,
        last_record = v.LastSequence,
        first_bad_record = v.FirstBadSequence,
        problem = v.Problem,
        key_id = v.KeyId,
    };

    internal static bool IsSetupFailure(Exception e) =>
        e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException
            or FormatException or CryptographicSetupException or System.Security.Cryptography.CryptographicException or ArgumentException;
}
