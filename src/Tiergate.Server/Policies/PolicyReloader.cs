using Microsoft.Extensions.Logging;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Policies;

namespace Tiergate.Server.Policies;

/// <summary>
/// Changes the running policy, or refuses to: on SIGHUP from the <c>--config</c> file (which is then applied to the
/// database, so that the other instances follow), and whenever the database's newest version moves past the running
/// one. A policy that does not validate, or that changes what only a restart can (<see cref="PolicyLiveChange"/>), is
/// refused whole: logged, audited (<c>policy.reload</c>), and the running policy kept.
/// </summary>
public sealed class PolicyReloader(PolicyHolder holder, PolicyVersionStore store, IAuditLog audit, PolicySourceOptions source, ILogger<PolicyReloader> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _refusedVersion;

    /// <summary>SIGHUP: re-reads the file, or checks the database at once when the server has no file.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (source.File is not { } file)
        {
            PolicyReloadLog.Signal(logger, "the database");
            await CheckStoreAsync(cancellationToken);
            return;
        }

        PolicyReloadLog.Signal(logger, file);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadFileAsync(file, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adopts the newest stored version when it is newer than the running one (a primary-key lookup when it is not).</summary>
    public async Task CheckStoreAsync(CancellationToken cancellationToken)
    {
        var running = holder.Current;
        var newest = await store.NewestVersionAsync(cancellationToken);
        if (newest is not { } version || version <= (running.Version ?? 0) || version == Interlocked.Read(ref _refusedVersion))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            running = holder.Current;
            if (await store.NewestAsync(cancellationToken) is not { } stored || stored.Version <= (running.Version ?? 0))
            {
                return;
            }

            if (stored.Hash == running.Hash)
            {
                holder.Swap(running with { Version = stored.Version });
                return;
            }

            var what = $"stored version {stored.Version}";
            var loaded = PolicyLoader.Load(stored.Text, source.BaseDirectory);
            var refusal = loaded.IsValid ? Refusal(running, loaded.Policy!) : (ErrorCodes.PolicyInvalid, loaded.Errors);
            if (refusal is { } r)
            {
                Interlocked.Exchange(ref _refusedVersion, stored.Version);
                await RefuseAsync(what, r.Code, r.Errors, stored.Hash, running, cancellationToken);
                return;
            }

            holder.Swap(new PolicySnapshot(loaded.Policy!, stored.Hash, stored.Version));
            PolicyReloadLog.Reloaded(logger, stored.Hash, Show(stored.Version), what, running.Hash ?? "none");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReloadFileAsync(string file, CancellationToken cancellationToken)
    {
        var running = holder.Current;
        string raw;
        try
        {
            raw = await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await RefuseAsync(file, ErrorCodes.PolicyInvalid, [new PolicyError(file, $"cannot read file: {e.Message}")], null, running, cancellationToken);
            return;
        }

        var text = PolicyText.Of(raw);
        var loaded = PolicyLoader.Load(raw, source.BaseDirectory);
        var refusal = loaded.IsValid ? Refusal(running, loaded.Policy!) : (ErrorCodes.PolicyInvalid, loaded.Errors);
        if (refusal is { } r)
        {
            await RefuseAsync(file, r.Code, r.Errors, text.Hash, running, cancellationToken);
            return;
        }

        if (text.Hash == running.Hash)
        {
            PolicyReloadLog.Unchanged(logger, text.Hash);
            return;
        }

        // The file becomes the policy of record, so that every instance follows this one; then this one swaps.
        var applied = await store.ApplyAsync(text, PolicySourceOptions.Actor, "sighup", cancellationToken);
        holder.Swap(new PolicySnapshot(loaded.Policy!, text.Hash, applied.Current.Version));
        if (!applied.Stored)
        {
            // Already the newest version (another instance applied the same file): this instance's change is still audited.
            await audit.AppendAsync(Record("ok", running.Hash, text.Hash, applied.Current.Version, file, null), cancellationToken);
        }

        PolicyReloadLog.Reloaded(logger, text.Hash, Show(applied.Current.Version), file, running.Hash ?? "none");
    }

    private static (ErrorCode Code, IReadOnlyList<PolicyError> Errors)? Refusal(PolicySnapshot running, PolicyDocument next) =>
        PolicyLiveChange.NeedsRestart(running.Policy, next) is { Count: > 0 } errors ? (ErrorCodes.PolicyNeedsRestart, errors) : null;

    private async Task RefuseAsync(string what, ErrorCode code, IReadOnlyList<PolicyError> errors, string? hash, PolicySnapshot running, CancellationToken cancellationToken)
    {
        PolicyReloadLog.Refused(logger, what, code.Name, errors.Count, running.Hash ?? "none", string.Join("; ", errors.Take(20).Select(e => e.ToString())));
        try
        {
            await audit.AppendAsync(Record(code.Name, running.Hash, hash, null, what, errors.Count), cancellationToken);
        }
        catch (AuditUnavailableException)
        {
            // Nothing changed, so nothing is undone: the refusal is in the log.
        }
    }

    private static AuditEvent Record(string outcome, string? oldHash, string? newHash, long? version, string from, int? errors)
    {
        var details = new Dictionary<string, string>
        {
            ["old_hash"] = oldHash ?? "none",
            ["new_hash"] = newHash ?? "none",
            ["source"] = from.StartsWith("stored version", StringComparison.Ordinal) ? "database" : "sighup",
        };
        if (version is { } v)
        {
            details["version"] = Show(v);
        }

        if (errors is { } count)
        {
            details["errors"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new AuditEvent("policy.reload", PolicySourceOptions.Actor, version is { } n ? $"policy:v{Show(n)}" : "policy", outcome, details);
    }

    private static string Show(long? version) => version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
