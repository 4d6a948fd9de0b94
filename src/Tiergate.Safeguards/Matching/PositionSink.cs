namespace Tiergate.Safeguards.Matching;

/// <summary>Collects term occurrences at their offsets in the normalised text (not the source), whole-word rules applied.</summary>
internal ref struct PositionSink : IPatternSink
{
    private readonly TermMatcher _matcher;
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly List<TermMatch> _hits;
    private readonly int _max;

    public PositionSink(TermMatcher matcher, ReadOnlySpan<byte> utf8, List<TermMatch> hits, int max)
    {
        _matcher = matcher;
        _utf8 = utf8;
        _hits = hits;
        _max = max;
    }

    public void OnMatch(int pattern, int endInclusive)
    {
        if (_hits.Count >= _max)
        {
            return;
        }

        var length = _matcher.Automaton.PatternLength(pattern);
        var start = endInclusive - length + 1;
        var atBoundary = (start == 0 || _utf8[start - 1] == (byte)' ')
            && (endInclusive + 1 == _utf8.Length || _utf8[endInclusive + 1] == (byte)' ');
        foreach (var termId in _matcher.TermsOfPattern(pattern))
        {
            if (atBoundary || !_matcher.Terms[termId].WholeWord)
            {
                _hits.Add(new TermMatch(termId, start, endInclusive + 1));
            }
        }
    }
}
