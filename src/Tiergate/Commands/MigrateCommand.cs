using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Tiergate.Cli;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Storage;
using Tiergate.Storage.Audit;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate migrate</c>: brings the database named by <c>--data</c> / <c>--database</c> / the settings up to the
/// schema this build knows, opens (or, on a fresh database, creates) the key ring, records a <c>database.migrate</c>
/// audit record, and exits. For a deployment's migration step (a Kubernetes Job, a package's post-install), so that
/// schema changes happen once, before the gateways start, instead of in whichever replica starts first.
/// It reads no policy: a migration does not depend on one.
/// </summary>
internal static class MigrateCommand
{
    public const string AuditAction = "database.migrate";

    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply the database migrations (creating the database when there is none) and exit; the gateways need not run.");
        migrate.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var storage = GlobalOptions.Storage(result);
            try
            {
                var database = TiergateDatabase.Open(storage);
                IReadOnlyList<string> pending;
                await using (var db = database.CreateContext())
                {
                    pending = [.. await db.Database.GetPendingMigrationsAsync(ct)];
                }

                // Creates the schema and the key ring under the configured key-encryption key (fails closed on a wrong one).
                await database.MigrateAsync(ct);
                string? latest;
                await using (var db = database.CreateContext())
                {
                    latest = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
                }

                using var signer = AuditSigningKey.LoadOrCreate(storage);
                await using (var audit = new AuditLog(database, signer, TimeProvider.System))
                {
                    var details = new Dictionary<string, string> { ["applied"] = pending.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["schema"] = latest ?? "" };
                    await audit.AppendAsync(new AuditEvent(AuditAction, CliContext.Actor, storage.UsesPostgres ? "database:postgresql" : "database:sqlite", "ok", details), ct);
                }

                var where = storage.UsesPostgres ? "PostgreSQL" : storage.SqlitePath;
                var text = pending.Count == 0
                    ? $"{where}: schema already current ({latest}); nothing to apply."
                    : $"{where}: applied {pending.Count} migration(s), schema now {latest}:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", pending)}";
                return output.Success(new { applied = pending, schema = latest, database = storage.UsesPostgres ? "postgresql" : "sqlite" }, text);
            }
            catch (TiergateException e)
            {
                return output.Failure(e.Code, e.Message);
            }
            catch (AuditUnavailableException e)
            {
                return output.Failure(ErrorCodes.AuditUnavailable, e.Message);
            }
            catch (Exception e) when (CliContext.IsStorageFailure(e))
            {
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot open or migrate the database: {e.Message}");
            }
        });
        return migrate;
    }
}
