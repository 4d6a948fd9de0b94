using Tiergate.Safeguards.Matching;

namespace Tiergate.Safeguards.Rules;

/// <summary>
/// Finds topic–intent pairs within the window in one pass over the term occurrences (linear in the text):
/// occurrences come in order of end, and each is paired with the few latest occurrences of the other kind
/// (<see cref="RecentHits.Capacity"/> per hazard and kind), which are the nearest ones.
/// </summary>
internal sealed class IntentRuleScanner
{
    private const int MaxPairs = 256;
    private readonly IntentRuleSet _rules;
    private readonly IntentRuleOptions _options;
    private readonly List<TermMatch> _matches = [];
    private readonly List<RuleHit> _contexts = [];
    private readonly List<RuleHit> _requests = [];
    private readonly RecentHits[] _lastTopic;
    private readonly RecentHits[] _lastIntent;

    public IntentRuleScanner(IntentRuleSet rules, IntentRuleOptions options)
    {
        _rules = rules;
        _options = options;
        _lastTopic = [.. Enumerable.Range(0, rules.Hazards.Count).Select(_ => new RecentHits())];
        _lastIntent = [.. Enumerable.Range(0, rules.Hazards.Count + 1).Select(_ => new RecentHits())];
    }

    public List<RulePair> Pairs { get; } = [];

    /// <summary>Context occurrences (for <see cref="IsDefended"/>).</summary>
    public IReadOnlyList<RuleHit> Contexts => _contexts;

    public void Scan(ReadOnlySpan<byte> normalized)
    {
        Pairs.Clear();
        _contexts.Clear();
        _requests.Clear();
        foreach (var recent in _lastTopic)
        {
            recent.Clear();
        }

        foreach (var recent in _lastIntent)
        {
            recent.Clear();
        }
        _rules.MatchPositions(normalized, _matches, _options.MaxHits);
        var position = 0;
        var words = 0;
        var chars = 0;
        foreach (var match in _matches)
        {
            // Ends only grow (Aho-Corasick order), so the counters advance once over the text.
            for (; position < match.End; position++)
            {
                Count(normalized[position], ref words, ref chars);
            }

            var startWords = words;
            var startChars = chars;
            for (var i = match.Start; i < match.End; i++)
            {
                Uncount(normalized[i], ref startWords, ref startChars);
            }

            var hit = new RuleHit(match.TermId, startWords, words, startChars, chars);
            var hazard = _rules.HazardOf(match.TermId);
            switch (_rules.KindOf(match.TermId))
            {
                case CueKind.Topic:
                    _lastTopic[hazard].Add(hit);
                    PairWithIntents(hazard, hit, _lastIntent[hazard]);
                    PairWithIntents(hazard, hit, _lastIntent[^1]);
                    break;
                case CueKind.Intent when hazard >= 0:
                    _lastIntent[hazard].Add(hit);
                    PairWithTopics(hazard, _lastTopic[hazard], hit);
                    break;
                case CueKind.Intent:
                    _lastIntent[^1].Add(hit);
                    for (var h = 0; h < _lastTopic.Length; h++)
                    {
                        PairWithTopics(h, _lastTopic[h], hit);
                    }

                    break;
                case CueKind.Request:
                    if (_requests.Count < MaxPairs)
                    {
                        _requests.Add(hit);
                    }

                    break;
                default:
                    if (_contexts.Count < MaxPairs)
                    {
                        _contexts.Add(hit);
                    }

                    break;
            }
        }
    }

    /// <summary>True when a context term of the pair's hazard (or of every hazard), not part of the intent itself, lies within the window of the pair.</summary>
    public bool IsDefended(RulePair pair) => AnyNear(_contexts, pair, skipInsideIntent: true);

    /// <summary>True when a request form of the pair's hazard (or of every hazard) lies within the window of the pair.</summary>
    public bool IsRequested(RulePair pair) => AnyNear(_requests, pair, skipInsideIntent: false);

    private bool AnyNear(List<RuleHit> cues, RulePair pair, bool skipInsideIntent)
    {
        foreach (var context in cues)
        {
            var scope = _rules.HazardOf(context.TermId);
            // A context word inside the pair's own terms ("evade detection", "water treatment plant") is not context.
            var insideIntent = skipInsideIntent
                && ((context.StartChar >= pair.Intent.StartChar && context.EndChar <= pair.Intent.EndChar)
                    || (context.StartChar >= pair.Topic.StartChar && context.EndChar <= pair.Topic.EndChar));
            if ((scope < 0 || scope == pair.Hazard) && !insideIntent
                && Near(context.StartWord, context.EndWord, context.StartChar, context.EndChar, pair.StartWord, pair.EndWord, pair.StartChar, pair.EndChar))
            {
                return true;
            }
        }

        return false;
    }

    private void PairWithIntents(int hazard, RuleHit topic, RecentHits intents)
    {
        for (var k = 0; k < intents.Count; k++)
        {
            PairWith(hazard, topic, intents[k]);
        }
    }

    private void PairWithTopics(int hazard, RecentHits topics, RuleHit intent)
    {
        for (var k = 0; k < topics.Count; k++)
        {
            PairWith(hazard, topics[k], intent);
        }
    }

    private void PairWith(int hazard, RuleHit t, RuleHit i)
    {
        if (Pairs.Count >= MaxPairs || (t.StartChar == i.StartChar && t.EndChar == i.EndChar))
        {
            return;
        }

        if (!Near(t.StartWord, t.EndWord, t.StartChar, t.EndChar, i.StartWord, i.EndWord, i.StartChar, i.EndChar))
        {
            return;
        }

        var weight = _rules.Terms[t.TermId].Weight * _rules.Terms[i.TermId].Weight;
        Pairs.Add(new RulePair(hazard, t, i, weight));
    }

    /// <summary>Gap between two spans (0 when they overlap) within the window in both words and characters.</summary>
    private bool Near(int aStartWord, int aEndWord, int aStartChar, int aEndChar, int bStartWord, int bEndWord, int bStartChar, int bEndChar)
    {
        var gapWords = Math.Max(0, Math.Max(bStartWord - aEndWord, aStartWord - bEndWord));
        var gapChars = Math.Max(0, Math.Max(bStartChar - aEndChar, aStartChar - bEndChar));
        return gapWords <= _options.WindowWords && gapChars <= _options.WindowChars;
    }

    private static void Count(byte b, ref int words, ref int chars)
    {
        if (b == (byte)' ')
        {
            words++;
        }

        if ((b & 0xC0) != 0x80)
        {
            chars++;
        }
    }

    private static void Uncount(byte b, ref int words, ref int chars)
    {
        if (b == (byte)' ')
        {
            words--;
        }

        if ((b & 0xC0) != 0x80)
        {
            chars--;
        }
    }
}
