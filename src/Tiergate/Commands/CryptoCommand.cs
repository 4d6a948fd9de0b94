using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Crypto;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate crypto rotate</c> (new data key, re-encrypt every encrypted column) and
/// <c>tiergate crypto rewrap --new-kek-file FILE</c> (re-wrap the key ring under a new KEK).
/// </summary>
internal static class CryptoCommand
{
    /// <param name="storage">The data directory and database chosen by the global options.</param>
    /// <param name="encryptedContexts">
    /// Contexts whose model marks encrypted columns with the given ring (see <see cref="EncryptedColumns"/>);
    /// rotation re-encrypts the columns this model marks. Default: the plain schema.
    /// </param>
    public static Command Create(Func<ParseResult, StorageOptions> storage, Func<TiergateDatabase, KeyRing, Func<TiergateDbContext>>? encryptedContexts = null)
    {
        var kekFile = new Option<string?>("--kek-file")
        {
            Description = $"Key-encryption key file (base64 of 32 bytes). Default: ${KeyEncryptionKey.EnvironmentVariable}, else the settings' secrets.kek_file, else DATA_DIR/secrets/kek.",
        };
        var newKekFile = new Option<string>("--new-kek-file") { Description = "The new key-encryption key file (base64 of 32 bytes).", Required = true };

        var rotate = new Command("rotate", "Add a data key version and re-encrypt every encrypted column under it; old versions stay readable.") { kekFile };
        rotate.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var options = storage(result);
            try
            {
                var database = await TiergateDatabase.OpenExistingAsync(options, ct);
                var kek = KeyEncryptionKey.Load(options, result.GetValue(kekFile) ?? options.KekFile);
                await database.MigrateAsync(ct);
                var ring = await KeyRingStore.OpenAsync(database.CreateContext, kek, TimeProvider.System, ct);
                var contexts = encryptedContexts?.Invoke(database, ring) ?? database.CreateContext;
                var rotation = await KeyRotation.RotateAsync(contexts, kek, TimeProvider.System, ct);
                await AuditAsync(database, options, "crypto.rotate", $"data-key:v{rotation.NewVersion}", ct);
                var rows = rotation.Columns.Sum(c => c.Rows);
                var text = rotation.Columns.Count == 0
                    ? $"Data key version {rotation.NewVersion} is now active; the schema marks no encrypted columns, so nothing was re-encrypted."
                    : $"Data key version {rotation.NewVersion} is now active; re-encrypted {rows} values in {string.Join(", ", rotation.Columns.Select(c => $"{c.Table}.{c.Column} ({c.Rows})"))}.";
                return output.Success(new
                {
                    active_version = rotation.NewVersion,
                    columns = rotation.Columns.Select(c => new { table = c.Table, column = c.Column, rows = c.Rows }),
                    reencrypted = rows,
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
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot rotate keys: {e.Message}");
            }
        });

        var rewrap = new Command("rewrap", "Re-wrap every key in the key ring under a new key-encryption key.") { kekFile, newKekFile };
        rewrap.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var options = storage(result);
            try
            {
                var database = await TiergateDatabase.OpenExistingAsync(options, ct);
                var oldKek = KeyEncryptionKey.Load(options, result.GetValue(kekFile) ?? options.KekFile);
                var newKek = KeyEncryptionKey.Load(options, result.GetValue(newKekFile), _ => null);
                await database.MigrateAsync(ct);
                await KeyRingStore.OpenAsync(database.CreateContext, oldKek, TimeProvider.System, ct);
                var count = await KeyRingStore.RewrapAsync(database.CreateContext, oldKek, newKek, ct);
                await AuditAsync(database, options, "crypto.rewrap", $"kek:{newKek.Id}", ct);
                return output.Success(new { rewrapped = count, kek_id = newKek.Id },
                    $"Re-wrapped {count} keys under key-encryption key {newKek.Id}; from now on supply the new key ({KeyEncryptionKey.EnvironmentVariable} or --kek-file).");
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
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot re-wrap keys: {e.Message}");
            }
        });

        return new Command("crypto", "Manage the encryption key ring.") { rotate, rewrap };
    }

    private static async Task AuditAsync(TiergateDatabase database, StorageOptions options, string action, string subject, CancellationToken ct)
    {
        using var signer = AuditSigningKey.LoadOrCreate(options);
        await using var audit = new AuditLog(database, signer, TimeProvider.System);
        await audit.AppendAsync(new AuditEvent(action, $"cli:{Environment.UserName}", subject, "ok"), ct);
    }
}
