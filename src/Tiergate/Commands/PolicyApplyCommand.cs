using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Policies;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate policy apply FILE</c>: validates the file and stores it as the newest policy version, which every running
/// gateway on the database picks up for new requests within seconds. An invalid policy, or one that changes what only a
/// restart can (<see cref="PolicyLiveChange"/>), is refused with its errors and nothing is stored.
/// </summary>
internal static class PolicyApplyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The policy file to apply." };
        var apply = new Command("apply", "Validate a policy file and make it the policy of every gateway on the database.") { file };
        apply.SetAction(async (result, ct) =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var path = result.GetValue(file)!;
            string raw;
            try
            {
                raw = await File.ReadAllTextAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return output.Failure(ErrorCodes.PolicyInvalid, $"{path}: cannot read file: {e.Message}");
            }

            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path));
            var loaded = PolicyLoader.Load(raw, baseDirectory);
            if (!loaded.IsValid)
            {
                // Refused before the database is opened: nothing is stored.
                return output.Failure(ErrorCodes.PolicyInvalid, $"{path}: {loaded.Errors.Count} error(s); nothing was applied.", loaded.Errors.Select(e => e.ToString()).ToList());
            }

            return await AdminVerb.RunAsync(result, async (cli, o) =>
            {
                var store = new PolicyVersionStore(cli.Database, cli.Audit, TimeProvider.System);
                if (await store.NewestAsync(ct) is { } newest && PolicyLoader.Load(newest.Text, baseDirectory) is { IsValid: true } running
                    && PolicyLiveChange.NeedsRestart(running.Policy!, loaded.Policy!) is { Count: > 0 } restart)
                {
                    return o.Failure(ErrorCodes.PolicyNeedsRestart, $"{path} changes parts that running gateways load only at start; nothing was applied.", restart.Select(e => e.ToString()).ToList());
                }

                var text = PolicyText.Of(raw);
                var applied = await store.ApplyAsync(text, CliContext.Actor, "cli", ct);
                var version = applied.Current.Version;
                return o.Success(
                    new { applied = applied.Stored, version, hash = text.Hash, previous_hash = applied.PreviousHash },
                    applied.Stored
                        ? $"{path}: applied as version {version} ({text.ShortHash}, was {applied.PreviousHash?[..12] ?? "none"}); running gateways take it for new requests within seconds."
                        : $"{path}: already the newest version {version} ({text.ShortHash}); nothing changed.");
            }, ct);
        });
        return apply;
    }
}
