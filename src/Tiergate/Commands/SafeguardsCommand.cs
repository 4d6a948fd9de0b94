using System.CommandLine;
using Tiergate.Cli;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate safeguards eval --input FILE.jsonl [--tier T] [--wobble]</c>: measures a tier's whole input
/// screening on an evaluation set (<c>classifier eval</c> measures one model alone). The policy is
/// <c>--config</c>'s, or the built-in default; with <c>--json</c> it prints exactly one JSON object.
/// </summary>
internal static class SafeguardsCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Evaluation set: JSON Lines with text or messages, kind (harmful|benign), category, lang, id.", Required = true };
        var tier = new Option<string>("--tier") { Description = "The tier whose input screening is measured.", DefaultValueFactory = _ => "general" };
        var wobble = new Option<bool>("--wobble") { Description = "Also check that harmless words added to or removed from each harmful item do not change its verdict." };
        var eval = new Command("eval", "Screen an evaluation set with a tier's input screening, plain and obfuscated: recall, false positives and misses per category, form and language.")
        {
            input, tier, wobble,
        };
        eval.SetAction(result => SafeguardsEval.Run(
            new SafeguardsEvalArguments(result.GetValue(input)!, result.GetValue(tier)!, result.GetValue(GlobalOptions.Json), result.GetValue(wobble)),
            CliContext.LoadPolicy(result),
            System.Console.Out,
            System.Console.Error));
        return new Command("safeguards", "Measure the safeguards a tier applies.") { eval };
    }
}
