namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// Screens every item of an evaluation set, plain and in each obfuscated form, with a tier's screening
/// (<paramref name="screen"/> in <see cref="Run"/>: whatever the caller's gateway does with a request's
/// input) and counts what was blocked. Only a block counts as caught; a flag is counted apart.
/// </summary>
public static class EvalRunner
{
    public const string All = "all";

    public static EvalReport Run(
        string input,
        string tier,
        IReadOnlyList<EvalItem> items,
        Func<EvalItem, EvalVerdict> screen,
        IReadOnlyList<ObfuscationForm>? forms = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(screen);
        forms ??= TextObfuscator.AllForms;
        var overall = new Tallies();
        var byCategory = new Tallies();
        var byLanguage = new Tallies();
        var byShape = new Tallies();
        var misses = new List<EvalMiss>();
        foreach (var form in forms)
        {
            var name = TextObfuscator.Name(form);
            foreach (var item in items)
            {
                var variant = form == ObfuscationForm.Plain ? item : item.SelectText(text => TextObfuscator.Apply(form, text));
                var verdict = screen(variant);
                overall.Add(name, All, item.Kind, verdict);
                byCategory.Add(name, item.Category, item.Kind, verdict);
                byLanguage.Add(name, item.Lang, item.Kind, verdict);
                byShape.Add(name, item.IsConversation ? "conversation" : "text", item.Kind, verdict);
                if ((item.Kind == EvalKind.Harmful) != (verdict == EvalVerdict.Blocked))
                {
                    misses.Add(new EvalMiss(item.Id, name, KindName(item.Kind), item.Category, item.Lang, VerdictName(verdict), item.Preview()));
                }
            }
        }

        var harmful = items.Count(i => i.Kind == EvalKind.Harmful);
        return new EvalReport(
            input,
            tier,
            items.Count,
            harmful,
            items.Count - harmful,
            forms.Select(TextObfuscator.Name).ToList(),
            overall.Rows(),
            byCategory.Rows(),
            byLanguage.Rows(),
            byShape.Rows(),
            misses);
    }

    public static string KindName(EvalKind kind) => kind == EvalKind.Harmful ? "harmful" : "benign";

    public static string VerdictName(EvalVerdict verdict) => verdict switch
    {
        EvalVerdict.Blocked => "blocked",
        EvalVerdict.Flagged => "flagged",
        _ => "passed",
    };

    /// <summary>Counts per (form, group), in first-seen form order and ordinal group order.</summary>
    private sealed class Tallies
    {
        private readonly Dictionary<(string Form, string Group), int[]> _counts = [];
        private readonly List<string> _forms = [];

        public void Add(string form, string group, EvalKind kind, EvalVerdict verdict)
        {
            if (!_forms.Contains(form))
            {
                _forms.Add(form);
            }

            if (!_counts.TryGetValue((form, group), out var counts))
            {
                counts = new int[5];
                _counts[(form, group)] = counts;
            }

            if (kind == EvalKind.Harmful)
            {
                counts[0]++;
                counts[1] += verdict == EvalVerdict.Blocked ? 1 : 0;
                counts[2] += verdict == EvalVerdict.Flagged ? 1 : 0;
            }
            else
            {
                counts[3]++;
                counts[4] += verdict == EvalVerdict.Blocked ? 1 : 0;
            }
        }

        public List<EvalRow> Rows() => _counts
            .OrderBy(pair => _forms.IndexOf(pair.Key.Form))
            .ThenBy(pair => pair.Key.Group, StringComparer.Ordinal)
            .Select(pair => new EvalRow(pair.Key.Form, pair.Key.Group, pair.Value[0], pair.Value[1], pair.Value[2], pair.Value[3], pair.Value[4]))
            .ToList();
    }
}
