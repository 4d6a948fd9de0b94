using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Server.Hosting;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Policies;

namespace Tiergate.Server.Policies;

/// <summary>
/// The policy a gateway starts with. With a file (<c>serve --config</c>): the file, stored as a new version when its
/// hash differs from the newest stored one (so a ConfigMap or a deploy that changes the file changes the policy of
/// record). Without: the newest stored version, or the given policy (the built-in default) when none is stored.
/// </summary>
internal static class PolicyStartup
{
    public static async Task<PolicySnapshot> ResolveAsync(ServerOptions options, TiergateDatabase database, CancellationToken cancellationToken = default)
    {
        var source = options.PolicySource;
        if (source.File is not null)
        {
            var text = PolicyText.Of(options.PolicyText ?? throw new InvalidOperationException("A policy file needs its text (ServerOptions.PolicyText)."));
            using var signer = AuditSigningKey.LoadOrCreate(options.Storage);
            await using var audit = new AuditLog(database, signer, options.Time);
            var applied = await new PolicyVersionStore(database, audit, options.Time).ApplyAsync(text, PolicySourceOptions.Actor, "serve --config", cancellationToken);
            return new PolicySnapshot(options.Policy, text.Hash, applied.Current.Version);
        }

        var stored = await new PolicyVersionStore(database, NoAudit.Instance, options.Time).NewestAsync(cancellationToken);
        if (stored is null)
        {
            return new PolicySnapshot(options.Policy, options.PolicyText is { } given ? PolicyText.Of(given).Hash : null, null);
        }

        var loaded = PolicyLoader.Load(stored.Text, source.BaseDirectory);
        if (!loaded.IsValid)
        {
            // Fail closed: a gateway does not fall back to another policy than the one of record.
            throw new TiergateException(ErrorCodes.PolicyInvalid,
                $"The stored policy (version {stored.Version}) has errors: {string.Join("; ", loaded.Errors.Select(e => e.ToString()))}");
        }

        return new PolicySnapshot(loaded.Policy!, stored.Hash, stored.Version);
    }

    /// <summary>Reading needs no audit log; the store is only read here.</summary>
    private sealed class NoAudit : Tiergate.Core.Audit.IAuditLog
    {
        public static readonly NoAudit Instance = new();

        public ValueTask AppendAsync(Tiergate.Core.Audit.AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Reading the stored policy writes no audit record.");
    }
}
