using System.Security.Cryptography;
using Tiergate.Corpus.Tagging;
using Tiergate.Safeguards;
using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Defaults;

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

            if (spec.Blocklist is null && spec.Classifier is null && spec.Safeguards is null)
            {
                errors.Add($"{at}: needs a blocklist, a classifier or safeguards, or a blocklist with one of them");
                continue;
            }

            if (spec.Classifier is not null && spec.Safeguards is not null)
            {
                errors.Add($"{at}: classifier and safeguards are alternatives; give one");
                continue;
            }

            var minTerms = spec.MinTerms ?? 1;
            if (minTerms < 1)
            {
                errors.Add($"{at}.minTerms: must be at least 1 (was {minTerms})");
            }

            var threshold = spec.Threshold ?? 0.5;
            var scores = spec.Classifier is not null || spec.Safeguards is not null;
            if (scores && threshold is < 0 or > 1)
            {
                errors.Add($"{at}.threshold: must be within [0, 1] (was {threshold})");
            }

            if (!scores && spec.Threshold is not null)
            {
                errors.Add($"{at}.threshold: set without a classifier");
            }

            if (spec.Safeguards is null && spec.Screen is not null)
            {
                errors.Add($"{at}.screen: set without safeguards");
            }

            var scanner = LoadBlocklist(spec.Blocklist, $"{at}.blocklist", errors);
            IDocumentScorer? scorer = spec.Safeguards is not null
                ? LoadSafeguards(spec.Safeguards, spec.Label, spec.Screen, $"{at}.safeguards", errors)
                : LoadClassifier(spec.Classifier, spec.Label, $"{at}.classifier", errors);
            var model = spec.Classifier ?? (spec.Safeguards is null ? null : Path.Combine(spec.Safeguards, SafeguardDefaults.ModelFile));
            var provenance = new StageProvenance(spec.Blocklist, Hash(spec.Blocklist), scanner?.TermCount ?? 0, model, Hash(model));
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

    /// <summary>The engine's cascade from a safeguards directory, with the newer stages the spec names (rules, decode).</summary>
    private static SafeguardsScreenerScorer? LoadSafeguards(string path, string? label, List<string>? screen, string at, List<string> errors)
    {
        if (!Directory.Exists(Path.Combine(path, SafeguardDefaults.TermsFolder)) || !File.Exists(Path.Combine(path, SafeguardDefaults.ModelFile)))
        {
            errors.Add($"{at}: {path}: not a safeguards directory ({SafeguardDefaults.TermsFolder}/*.tsv and {SafeguardDefaults.ModelFile})");
            return null;
        }

        var stages = screen ?? ["rules", "decode"];
        var unknown = stages.Where(s => s is not ("rules" or "decode")).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"{at.Replace(".safeguards", ".screen", StringComparison.Ordinal)}: unknown stage(s) {string.Join(", ", unknown)} (rules, decode)");
            return null;
        }

        try
        {
            var rules = stages.Contains("rules");
            var screener = stages.Contains("decode")
                ? SafeguardDefaults.CreateDefaultInputScreener(path, rules: rules).Screener
                : SafeguardDefaults.CreateScreener(
                    SafeguardDefaults.LoadTerms(path),
                    SafeguardDefaults.LoadModel(path),
                    classifierOptions: SafeguardDefaults.InputClassifierOptions,
                    rules: rules ? SafeguardDefaults.LoadRules(path) : null);
            return new SafeguardsScreenerScorer(screener, label);
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
