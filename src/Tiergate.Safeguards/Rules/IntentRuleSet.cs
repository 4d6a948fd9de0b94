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
    private readonly int[] _wordIds;
    private readonly int[] _substringIds;
    private readonly TermMatcher _words;
    private readonly TermMatcher? _substrings;

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
        Terms = all.AsReadOnly();
        Normalizer = Normalization.TextNormalizer.Default;

        // Whole-word terms in one automaton walked from word starts; the few substring terms (scripts written
        // without spaces) in a second, scanned only when the text has such characters.
        _wordIds = [.. Enumerable.Range(0, all.Count).Where(t => all[t].WholeWord)];
        _substringIds = [.. Enumerable.Range(0, all.Count).Where(t => !all[t].WholeWord)];
        _words = TermMatcher.Create(_wordIds.Select(t => all[t]), Normalizer);
        _substrings = _substringIds.Length == 0 ? null : TermMatcher.Create(_substringIds.Select(t => all[t]), Normalizer);
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

    /// <summary>Topics then cues, as given; a term id is an index here.</summary>
    public IReadOnlyList<Term> Terms { get; }

    public Normalization.TextNormalizer Normalizer { get; }

    /// <summary>Occurrences of every term in normalised text, ids into <see cref="Terms"/>, in order of end.</summary>
    internal void MatchPositions(ReadOnlySpan<byte> normalized, List<TermMatch> hits, int max)
    {
        hits.Clear();
        _words.MatchPositions(normalized, hits, max);
        Remap(hits, 0, _wordIds);
        if (_substrings is not null && normalized.IndexOfAnyInRange((byte)0xE0, (byte)0xFF) >= 0)
        {
            var from = hits.Count;
            _substrings.MatchPositions(normalized, hits, max);
            Remap(hits, from, _substringIds);
            hits.Sort(TermMatchByEnd.Instance);
        }
    }

    private static void Remap(List<TermMatch> hits, int from, int[] ids)
    {
        for (var i = from; i < hits.Count; i++)
        {
            hits[i] = hits[i] with { TermId = ids[hits[i].TermId] };
        }
    }

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
