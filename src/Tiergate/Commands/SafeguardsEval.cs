using System.Text.Json;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Safeguards;
using Tiergate.Safeguards.Evaluation;
using Tiergate.Server.Screening;
using Tiergate.Storage.Accounts.Grants;

namespace Tiergate.Commands;

/// <summary>
/// What <c>tiergate safeguards eval</c> does, apart from the command-line parser: screens every item of
/// an evaluation set with the named tier's whole input screening, as the gateway builds it from the
/// policy (<see cref="ContentScreening"/>, through <see cref="TierInputScreening"/>), plain and in each
/// obfuscated form, and reports recall, false-positive rate and misses. Exit code 0 when it measured,
/// 1 on bad input (its stable code on stderr, or as <c>{"error":…}</c> with <c>--json</c>).
/// </summary>
internal static class SafeguardsEval
{
    public static int Run(SafeguardsEvalArguments arguments, PolicyLoadResult policy, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.IsValid)
        {
            return Fail(output, error, arguments.Json, ErrorCodes.PolicyInvalid.Id, ErrorCodes.PolicyInvalid.Name, "The policy has errors.", policy.Errors.Select(e => e.ToString()).ToList());
        }

        if (!policy.Policy!.TiersByName.TryGetValue(arguments.Tier, out var tier))
        {
            var code = GrantErrors.UnknownTier;
            return Fail(output, error, arguments.Json, code.Id, code.Name, $"The policy has no tier '{arguments.Tier}' (tiers: {string.Join(", ", policy.Policy.Tiers.Select(t => t.Name))}).", []);
        }

        try
        {
            var engine = new ContentScreening(policy.Policy);
            var screening = new TierInputScreening(engine, tier);
            var items = EvalSetReader.Read(arguments.Input, engine.Categories.ToHashSet(StringComparer.Ordinal));
            var report = EvalRunner.Run(arguments.Input, tier.Name, items, screening.Verdict);
            if (arguments.Wobble)
            {
                report = report with { Wobble = WobbleCheck.Run(items, screening.Verdict) };
            }

            if (arguments.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(report, Output.JsonOptions));
            }
            else
            {
                EvalReportText.Write(report, output);
            }

            return 0;
        }
        catch (SafeguardsException e)
        {
            return Fail(output, error, arguments.Json, e.Code.Id, e.Code.Name, e.Message.Split(Environment.NewLine)[0], e.Message.Split(Environment.NewLine).Skip(1).ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The input cannot be read, or the policy's safeguards directory lacks its term lists or model.
            var code = SafeguardsErrorCodes.IoError;
            return Fail(output, error, arguments.Json, code.Id, code.Name, e.Message, []);
        }
    }

    /// <summary>The shape <see cref="Output.Failure"/> writes, for either catalogue's codes.</summary>
    private static int Fail(TextWriter output, TextWriter error, bool json, string id, string name, string message, IReadOnlyList<string> details)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { error = new { code = name, tiergate_code = id, message, details } }, Output.JsonOptions));
        }
        else
        {
            error.WriteLine($"error {id} ({name}): {message}");
            foreach (var line in details)
            {
                error.WriteLine($"  {line}");
            }
        }

        return 1;
    }
}
