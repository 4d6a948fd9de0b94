using System.Globalization;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Rules;

/// <summary>
/// Intent × topic rules: a hazardous topic term and an operational-intent term within the window
/// (<see cref="IntentRuleOptions"/>) are a match of their own, weighing topic weight × intent weight. A match
/// of at least <see cref="IntentRuleOptions.FlagAtWeight"/> with no defensive context term near it flags the
/// category here (a request form near it, "how do I", doubles its weight); a lighter or defended one escalates it (the classifier decides); no match leaves it open.
/// So "how do I make VX at home" is decided without a second topic term, and words added far from the
/// pair ("continue", filler) cannot change the outcome.
/// </summary>
public sealed class IntentRuleStage : IScreeningStage
{
    private readonly ThreadLocal<IntentRuleScanner> _scanners;

    public IntentRuleStage(IntentRuleSet rules, IntentRuleOptions? options = null, string name = "rules")
    {
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
        Options = options ?? new IntentRuleOptions();
        Name = name;
        _scanners = new ThreadLocal<IntentRuleScanner>(() => new IntentRuleScanner(Rules, Options));
    }

    public string Name { get; }

    public IntentRuleSet Rules { get; }

    public IntentRuleOptions Options { get; }

    public IReadOnlyList<string> Categories => Rules.Hazards;

    public void Evaluate(ScreeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var open = false;
        foreach (var hazard in Rules.Hazards)
        {
            open |= context.IsOpen(hazard);
        }

        if (!open)
        {
            return;
        }

        var scanner = _scanners.Value!;
        scanner.Scan(context.Normalize(Rules.Normalizer).Utf8);
        if (scanner.Pairs.Count == 0)
        {
            return;
        }

        for (var h = 0; h < Rules.Hazards.Count; h++)
        {
            var hazard = Rules.Hazards[h];
            if (!context.IsOpen(hazard))
            {
                continue;
            }

            RulePair? best = null;
            var bestDefended = true;
            foreach (var found in scanner.Pairs)
            {
                var pair = found;
                if (pair.Hazard != h)
                {
                    continue;
                }

                var defended = scanner.IsDefended(pair);
                if (scanner.IsRequested(pair))
                {
                    pair = pair with { Weight = pair.Weight * 2 };
                }

                if (best is null || (bestDefended && !defended) || (bestDefended == defended && pair.Weight > best.Value.Weight))
                {
                    best = pair;
                    bestDefended = defended;
                }
            }

            if (best is not { } chosen)
            {
                continue;
            }

            var terms = Rules.Terms;
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"intent '{terms[chosen.Intent.TermId].Text}' near '{terms[chosen.Topic.TermId].Text}', weight {chosen.Weight:0.###}{(bestDefended ? ", defensive context near" : "")}");
            if (!bestDefended && chosen.Weight >= Options.FlagAtWeight)
            {
                context.Record(Name, hazard, 1.0, StageOutcome.Flag, detail);
            }
            else
            {
                context.Record(Name, hazard, 0.5, StageOutcome.Escalate, detail);
            }
        }
    }
}
