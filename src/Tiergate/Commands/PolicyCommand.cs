using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Commands;

/// <summary><c>tiergate policy check FILE</c>: every error at once, each with its path; exit 1 if any. <c>policy apply FILE</c>: <see cref="PolicyApplyCommand"/>.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The policy file to check." };
        var check = new Command("check", "Validate a policy file and report every error with its path.") { file };
        check.SetAction(result =>
        {
            var output = new Output(result.GetValue(GlobalOptions.Json));
            var path = result.GetValue(file)!;
            var loaded = PolicyLoader.LoadFile(path);
            if (!loaded.IsValid)
            {
                return output.Failure(ErrorCodes.PolicyInvalid, $"{path}: {loaded.Errors.Count} error(s).", loaded.Errors.Select(e => e.ToString()).ToList());
            }

            var policy = loaded.Policy!;
            return output.Success(
                new { valid = true, file = path, variants = policy.Variants.Select(v => v.Name), tiers = policy.Tiers.Select(t => t.Name), policies = policy.Policies.Select(p => p.Id) },
                $"{path}: valid ({policy.Variants.Count} variants, {policy.Policies.Count} policies, {policy.Tiers.Count} tiers).");
        });

        return new Command("policy", "Work with policy files and the stored policy.") { check, PolicyApplyCommand.Create() };
    }
}
