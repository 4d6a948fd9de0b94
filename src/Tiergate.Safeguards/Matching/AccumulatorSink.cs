using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Matching;

/// <summary>
/// Checks word boundaries on the normalised text and maps pattern hits back to source offsets
/// (offsets into the normalised text when the buffer tracks no source offsets).
/// </summary>
internal ref struct AccumulatorSink : IPatternSink
{
    private readonly TermMatcher _matcher;
    private readonly NormalizedText _text;
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly MatchAccumulator _accumulator;

    public AccumulatorSink(TermMatcher matcher, NormalizedText text, MatchAccumulator accumulator)
    {
        _matcher = matcher;
        _text = text;
        _utf8 = text.Utf8;
        _accumulator = accumulator;
    }

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void OnMatch(int pattern, int endInclusive)
    {
        var length = _matcher.Automaton.PatternLength(pattern);
        var start = endInclusive - length + 1;
        var atBoundary = (start == 0 || _utf8[start - 1] == (byte)' ')
            && (endInclusive + 1 == _utf8.Length || _utf8[endInclusive + 1] == (byte)' ');
        var (sourceStart, sourceEnd) = _text.TracksSourceOffsets ? _text.MapToSource(start, length) : (start, endInclusive + 1);
        foreach (var termId in _matcher.TermsOfPattern(pattern))
        {
            if (atBoundary || !_matcher.Terms[termId].WholeWord)
            {
                _accumulator.Add(termId, sourceStart, sourceEnd);
            }
        }
    }
}
