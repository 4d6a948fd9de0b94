using System.CommandLine;
using System.Globalization;
using Tiergate.Cli;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Crypto;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate audit archive --before DATE --output FILE</c>: moves every record older than DATE into
/// FILE (the export format; <c>audit verify --export FILE</c> checks it alone) and out of the database,
/// leaving a signed anchor so that <c>audit verify --archive FILE...</c> checks archives and database as one chain.
/// </summary>
internal static class AuditArchiveCommand
{
    public static Command Create(Func<ParseResult, StorageOptions> storage)
    {
        var before = new Option<string>("--before")
        {
            Description = "Archive the records older than this UTC date or time (2026-11-01, 2026-11-01T12:00:00Z).",
            Required = true,
        };
        var outputFile = new Option<string>("--output") { Description = "The archive file to write (JSON lines, as audit export); must not exist.", Required = true };
        var archive = new Command("archive", "Move the audit records older than a date into an archive file, leaving a signed anchor; the archive plus the database verify as one chain.") { before, outputFile };
        archive.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var options = storage(result);
            var path = result.GetValue(outputFile)!;
            try
            {
                var cutoff = ParseDate(result.GetValue(before)!);
                var database = await TiergateDatabase.OpenExistingAsync(options, ct);
                await database.MigrateAsync(ct);
                using var signer = AuditSigningKey.TryLoad(options) ?? throw new CryptographicSetupException(
                    $"archiving signs an anchor, so it needs the audit signing key: set {AuditSigningKey.EnvironmentVariable} or point --data at the directory holding secrets/audit-signing.key");
                var archived = await new AuditArchiver(database.CreateContext, signer, TimeProvider.System).ArchiveAsync(cutoff, path, ct);
                if (archived.Status == AuditArchiveStatus.Busy)
                {
                    return output.Failure(ErrorCodes.AuditArchiveBusy, "Another archiver is archiving the audit log; nothing was changed.");
                }

                if (archived.Status == AuditArchiveStatus.Archived)
                {
                    await using var audit = new AuditLog(database, signer, TimeProvider.System);
                    await audit.AppendAsync(new AuditEvent("audit.archive", $"cli:{Environment.UserName}", $"audit:{archived.FirstSequence}..{archived.LastSequence}", "ok",
                        new Dictionary<string, string>
                        {
                            ["records"] = archived.Records.ToString(CultureInfo.InvariantCulture),
                            ["bytes_freed"] = archived.BytesFreed.ToString(CultureInfo.InvariantCulture),
                            ["file"] = Path.GetFileName(path),
                        }), ct);
                }

                var text = archived.Status == AuditArchiveStatus.Archived
                    ? $"Archived records {archived.FirstSequence}..{archived.LastSequence} ({archived.Records} records, {archived.BytesFreed} bytes freed) to {path}; the database's chain now continues the signed anchor at record {archived.LastSequence}."
                    : $"No audit records older than {cutoff:u} remain in the database; nothing was written.";
                return output.Success(new
                {
                    archived = archived.Status == AuditArchiveStatus.Archived,
                    output = archived.Path,
                    records = archived.Records,
                    first_record = archived.FirstSequence,
                    last_record = archived.LastSequence,
                    bytes_freed = archived.BytesFreed,
                }, text);
            }
            catch (TiergateException e)
            {
                return output.Failure(e.Code, e.Message);
            }
            catch (AuditUnavailableException e)
            {
                return output.Failure(ErrorCodes.AuditUnavailable, e.Message);
            }
            catch (Exception e) when (AuditCommand.IsSetupFailure(e))
            {
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot archive the audit log: {e.Message}");
            }
        });
        return archive;
    }

    /// <summary>A date (midnight UTC) or an ISO 8601 time; without an offset, UTC.</summary>
    internal static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new TiergateException(ErrorCodes.InvalidArgument, $"--before: '{text}' is not a date (2026-11-01) or an ISO 8601 time (2026-11-01T12:00:00Z)", "--before");
}
