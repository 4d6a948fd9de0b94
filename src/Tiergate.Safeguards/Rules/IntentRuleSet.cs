using Tiergate.Safeguards.Matching;

namespace Tiergate.Safeguards.Rules;

/// <summary>
/// The terms an <see cref="IntentRuleStage"/> looks for, in one automaton: hazardous topics (category =
/// hazard category) and cues. A cue term's category is <c>intent</c>, <c>request</c>, <c>context</c> (any hazard)
/// or <c>intent.CATEGORY</c> ... (that hazard only), as written in the intent lists.
/// </summary>
public sealed class IntentRuleSet
{
    private readonly CueKind[] _kind;
    private readonly int[] _hazard;
    private readonly string[] _hazards;

    public IntentRuleSet(IEnumerable<Term> topics, IEnumerable<Term> cues)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(cues);
        var topicList = topics.ToList();
        var cueList = cues.ToList();
        _hazards = topicList.Select(t => t.Category).Distinct(StringComparer.Ordinal).ToArray();
        var all = new List<Term>(topicList.Count + cueList.Count);
        all.AddRange(topicList);
        all.AddRange(cueList);
        Matcher = TermMatcher.Create(all);
        _kind = new CueKind[all.Count];
        _hazard = new int[all.Count];
        for (var t = 0; t < all.Count; t++)
        {
            if (t < topicList.Count)
            {
                _kind[t] = CueKind.Topic;
                _hazard[t] = Array.IndexOf(_hazards, all[t].Category);
                continue;
            }

            var (kind, scope) = ParseCue(all[t].Category);
            _kind[t] = kind;
            _hazard[t] = scope is null ? -1 : Array.IndexOf(_hazards, scope);
            if (scope is not null && _hazard[t] < 0)
            {
                throw new SafeguardsException(SafeguardsErrorCodes.InvalidTermList, $"cue '{all[t].Text}': no topic term has category '{scope}'");
            }
        }
    }

    /// <summary>Hazard categories, in order of first appearance among the topics.</summary>
    public IReadOnlyList<string> Hazards => _hazards;

    public TermMatcher Matcher { get; }

    internal CueKind KindOf(int termId) => _kind[termId];

    /// <summary>The hazard a term belongs to (a topic) or is limited to (a cue); -1 for a cue of every hazard.</summary>
    internal int HazardOf(int termId) => _hazard[termId];

    private static (CueKind Kind, string? Scope) ParseCue(string category)
    {
        var dot = category.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? category : category[..dot];
        var scope = dot < 0 ? null : category[(dot + 1)..];
        return head switch
        {
            "intent" => (CueKind.Intent, scope),
            "context" => (CueKind.Context, scope),
            "request" => (CueKind.Request, scope),
            _ => throw new SafeguardsException(SafeguardsErrorCodes.InvalidTermList, $"cue category '{category}' is not intent, request or context (optionally .CATEGORY)"),
        };
    }
}
