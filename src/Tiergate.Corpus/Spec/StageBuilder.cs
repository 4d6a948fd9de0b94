using System.Security.Cryptography;
using Tiergate.Corpus.Tagging;
using Tiergate.Safeguards;
using Tiergate.Safeguards.Classification;

namespace Tiergate.Corpus.Spec;

/// <summary>
/// Turns stage specs into live stages: loads blocklists into the safeguards matcher and models
/// into the safeguards classifier, hashes both, and reports every problem at once with its path.
/// </summary>
public static class StageBuilder
{
    public static IReadOnlyList<FilterStage> Build(IReadOnlyList<StageSpec> specs, List<string> errors)
    {
        var stages = new List<FilterStage>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (specs.Count == 0)
        {
            errors.Add("stages: at least one stage is needed (--blocklist, --classifier or --spec)");
        }

        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var at = $"stages[{i}]";
            var name = string.IsNullOrWhiteSpace(spec.Name) ? $"stage{i + 1}" : spec.Name.Trim();
            if (!names.Add(name))
            {
                errors.Add($"{at}.name: duplicate stage name '{name}'");
            }

            if (spec.Blocklist is null && spec.Classifier is null)
            {
                errors.Add($"{at}: needs a blocklist, a classifier, or both");
                continue;
            }

            var minTerms = spec.MinTerms ?? 1;
            if (minTerms < 1)
            {
                errors.Add($"{at}.minTerms: must be at least 1 (was {minTerms})");
            }

            var threshold = spec.Threshold ?? 0.5;
            if (spec.Classifier is not null && threshold is < 0 or > 1)
            {
                errors.Add($"{at}.threshold: must be within [0, 1] (was {threshold})");
            }

            if (spec.Classifier is null && spec.Threshold is not null)
            {
                errors.Add($"{at}.threshold: set without a classifier");
            }

            var scanner = LoadBlocklist(spec.Blocklist, $"{at}.blocklist", errors);
            var scorer = LoadClassifier(spec.Classifier, spec.Label, $"{at}.classifier", errors);
            var provenance = new StageProvenance(spec.Blocklist, Hash(spec.Blocklist), scanner?.TermCount ?? 0, spec.Classifier, Hash(spec.Classifier));
            stages.Add(FilterStage.Create(name, scanner, minTerms, scorer, threshold, provenance));
        }

        return stages;
    }

    private static SafeguardsTermScanner? LoadBlocklist(string? path, string at, List<string> errors)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            errors.Add($"{at}: {path}: no such file");
            return null;
        }

        try
        {
            return SafeguardsTermScanner.Load(path);
        }
        catch (SafeguardsException ex)
        {
            errors.Add($"{at}: {ex.Message}");
            return null;
        }
    }

    private static SafeguardsScorer? LoadClassifier(string? path, string? label, string at, List<string> errors)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            errors.Add($"{at}: {path}: no such file");
            return null;
        }

        try
        {
            return new SafeguardsScorer(LinearModelFile.Load(path), label);
        }
        catch (Exception ex) when (ex is SafeguardsException or ArgumentException or IOException)
        {
            errors.Add($"{at}: {ex.Message}");
            return null;
        }
    }

    private static string? Hash(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
