using System.Globalization;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Guards;

/// <summary>
/// Adds a guard's judgement to the local cascade's result. The guard can only add findings: a category it
/// flags is flagged (score: the higher of the two), one it clears keeps the cascade's decision, so the guard
/// never lets through what the cascade stops. Every category gets the guard's verdict as evidence
/// (<c>guard:NAME</c>, e.g. <c>llama_guard: unsafe S9</c>). A finding that may mean several categories (S9:
/// bio, chem or radnuc) goes to those the cascade saw signs of (a matched term or a score), or to all of them.
/// </summary>
public static class GuardMerge
{
    public static ScreeningResult Apply(ScreeningResult local, GuardJudgement judgement, GuardFormat format)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(judgement);
        var verdicts = local.Verdicts.ToList();
        if (judgement.Verdict is not { } verdict)
        {
            // Only a tier that fails open merges a failure: the cascade decides alone, and the evidence says so.
            var note = $"{Label(format)}: unavailable ({judgement.Failure}), failed open";
            return new ScreeningResult(verdicts.Select(v => v with { Evidence = [.. v.Evidence, new StageEvidence(judgement.Guard, v.Category, 0, StageOutcome.Clear, note)] }).ToList());
        }

        var flagged = new Dictionary<string, (double Score, List<string> Labels)>(StringComparer.Ordinal);
        foreach (var finding in verdict.Categories)
        {
            foreach (var target in Resolve(finding.Targets, local))
            {
                var entry = flagged.TryGetValue(target, out var e) ? e : (0, []);
                entry.Labels.Add(finding.Label);
                flagged[target] = (Math.Max(entry.Score, finding.Score), entry.Labels);
            }
        }

        var summary = $"{Label(format)}: {verdict.Summary}";
        for (var i = 0; i < verdicts.Count; i++)
        {
            var v = verdicts[i];
            if (flagged.Remove(v.Category, out var hit))
            {
                var evidence = new StageEvidence(judgement.Guard, v.Category, hit.Score, StageOutcome.Flag, Detail(summary, hit.Labels, judgement.FromCache));
                verdicts[i] = v with
                {
                    Flagged = true,
                    Score = v.Flagged ? Math.Max(v.Score, hit.Score) : hit.Score,
                    Stage = v.Flagged ? v.Stage : judgement.Guard,
                    Evidence = [.. v.Evidence, evidence],
                };
            }
            else
            {
                verdicts[i] = v with { Evidence = [.. v.Evidence, new StageEvidence(judgement.Guard, v.Category, 0, StageOutcome.Clear, Detail(summary, [], judgement.FromCache))] };
            }
        }

        // Categories of the guard's own taxonomy the cascade does not know (self-harm, hate, ...).
        foreach (var (category, hit) in flagged.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var evidence = new StageEvidence(judgement.Guard, category, hit.Score, StageOutcome.Flag, Detail(summary, hit.Labels, judgement.FromCache));
            verdicts.Add(new CategoryVerdict(category, true, hit.Score, judgement.Guard, [], [evidence]));
        }

        return new ScreeningResult(verdicts);
    }

    /// <summary>The format's name as the policy writes it.</summary>
    public static string Label(GuardFormat format) => format switch
    {
        GuardFormat.Moderations => "moderations",
        GuardFormat.LlamaGuard => "llama_guard",
        GuardFormat.ShieldGemma => "shieldgemma",
        _ => "granite_guardian",
    };

    private static IEnumerable<string> Resolve(IReadOnlyList<string> targets, ScreeningResult local)
    {
        if (targets.Count == 1)
        {
            return targets;
        }

        var signs = targets.Where(t => local.For(t) is { } v && (v.Flagged || v.Score > 0 || v.MatchedTerms.Count > 0)).ToList();
        return signs.Count > 0 ? signs : targets;
    }

    private static string Detail(string summary, List<string> labels, bool fromCache)
    {
        var detail = labels.Count == 0 ? summary : string.Create(CultureInfo.InvariantCulture, $"{summary} (as {string.Join(',', labels.Distinct())})");
        return fromCache ? detail + ", cached" : detail;
    }
}
