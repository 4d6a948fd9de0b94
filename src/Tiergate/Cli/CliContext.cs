using System.CommandLine;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Notifications;
using Tiergate.Core.Policy;
using Tiergate.Storage;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Secrets;

namespace Tiergate.Cli;

/// <summary>What an administrative verb works with: the policy, the migrated database, the audit log.</summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly AuditLog _audit;
    private readonly AuditSigningKey _signer;
    private readonly IUserNotifier _notifier;

    private CliContext(StorageOptions storage, PolicyDocument policy, TiergateDatabase database, IUserNotifier notifier, bool oneDocumentOneAccount)
    {
        _oneDocumentOneAccount = oneDocumentOneAccount;
        Policy = policy;
        Database = database;
        _notifier = notifier;
        _signer = AuditSigningKey.LoadOrCreate(storage);
        _audit = new AuditLog(database, _signer, TimeProvider.System);
        var hasher = new ApiKeyHasher(ServerSecret.LoadOrCreate(SecretSource.Pepper, storage));
        Accounts = AccountServices.Create(database, policy, hasher, _audit, notifier, TimeProvider.System);
    }

    public PolicyDocument Policy { get; }

    /// <summary>Alerts the detectors raised, as operators list and close them.</summary>
    public Tiergate.Storage.Alerts.AlertStore Alerts => new(Database, _audit, TimeProvider.System);

    /// <summary>Graduated responses to alerts, as reviewers confirm, decline and reverse them (confirmed notify responses mail the reviewers).</summary>
    public Tiergate.Storage.Responses.ResponseStore Responses => new(Database, _audit, TimeProvider.System, _notifier);

    public TiergateDatabase Database { get; }

    /// <summary>The identifier graph and bans (<c>users identify|links|ban</c>); one document, one account, as the default setting.</summary>
    public Tiergate.Storage.Identity.Links.IdentifierGraph Identifiers => new(Database, _audit, TimeProvider.System, _oneDocumentOneAccount);

    private readonly bool _oneDocumentOneAccount;

    public Tiergate.Storage.Identity.Links.AccountBans Bans => new(Database, _audit, TimeProvider.System);

    /// <summary>The audit log, for verbs that record a read (<c>users links</c>).</summary>
    public Tiergate.Core.Audit.IAuditLog Audit => _audit;

    /// <summary>Users, grants and keys: one administration per account aggregate.</summary>
    public AccountServices Accounts { get; }

    /// <summary>MFA on a user's behalf (<c>users mfa enrol-totp</c>), audited as this CLI's actor.</summary>
    public Tiergate.Storage.Accounts.Mfa.MfaService Mfa => Accounts.Mfa;

    public static string Actor => $"cli:{Environment.UserName}";

    public static PolicyLoadResult LoadPolicy(ParseResult result) => LoadPolicyWithText(result).Loaded;

    /// <summary>The --config file's policy (or the built-in default's) and the text it was read from, for its hash; null text when the file cannot be read.</summary>
    public static (PolicyLoadResult Loaded, string? Text) LoadPolicyWithText(ParseResult result)
    {
        if (result.GetValue(GlobalOptions.Config) is not { } path)
        {
            var text = DefaultPolicy.Read();
            return (PolicyLoader.Load(text), text);
        }

        try
        {
            var text = File.ReadAllText(path);
            return (PolicyLoader.Load(text, Path.GetDirectoryName(Path.GetFullPath(path))), text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (PolicyLoader.LoadFile(path), null);
        }
    }

    /// <summary>Loads the policy and opens the database, or explains (with a stable code) why not.</summary>
    /// <param name="createDatabase">
    /// True only for verbs that may start a deployment (<c>users add</c>); every other verb needs an existing
    /// database and fails with <see cref="ErrorCodes.DatabaseNotFound"/>, creating nothing, when there is none.
    /// </param>
    public static async Task<(CliContext? Context, int ExitCode)> OpenAsync(ParseResult result, Output output, bool createDatabase, CancellationToken cancellationToken)
    {
        var policy = LoadPolicy(result);
        if (!policy.IsValid)
        {
            return (null, output.Failure(ErrorCodes.PolicyInvalid, "The policy has errors.", policy.Errors.Select(e => e.ToString()).ToList()));
        }

        var storage = GlobalOptions.Storage(result);
        try
        {
            var database = createDatabase ? TiergateDatabase.Open(storage) : await TiergateDatabase.OpenExistingAsync(storage, cancellationToken);
            await database.MigrateAsync(cancellationToken);
            var deployment = GlobalOptions.Deployment(result);
            if (result.GetValue(GlobalOptions.Config) is null && await StoredPolicyAsync(database, cancellationToken) is { } stored)
            {
                // Without --config, administration follows the policy the gateways run: the newest stored version.
                policy = stored;
                if (!policy.IsValid)
                {
                    return (null, output.Failure(ErrorCodes.PolicyInvalid, "The stored policy has errors.", policy.Errors.Select(e => e.ToString()).ToList()));
                }
            }

            return (new CliContext(storage, policy.Policy!, database, CliMail.Notifier(deployment), deployment.Identity.OneDocumentOneAccount), 0);
        }
        catch (TiergateException e)
        {
            return (null, output.Failure(e.Code, e.Message));
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            return (null, output.Failure(ErrorCodes.StorageUnavailable, $"Cannot open the database: {e.Message}"));
        }
    }

    private static async Task<PolicyLoadResult?> StoredPolicyAsync(TiergateDatabase database, CancellationToken cancellationToken)
    {
        var newest = await new Tiergate.Storage.Policies.PolicyVersionStore(database, NoAudit.Instance, TimeProvider.System).NewestAsync(cancellationToken);
        return newest is null ? null : PolicyLoader.Load(newest.Text, Directory.GetCurrentDirectory());
    }

    /// <summary>Failures to open, migrate or unlock the database: reported with a code, never as a crash.</summary>
    public static bool IsStorageFailure(Exception e) =>
        e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException
            or ArgumentException or FormatException or Storage.Crypto.CryptographicSetupException or System.Security.Cryptography.CryptographicException;

    public async ValueTask DisposeAsync()
    {
        await _audit.DisposeAsync();
        _signer.Dispose();
    }
}
