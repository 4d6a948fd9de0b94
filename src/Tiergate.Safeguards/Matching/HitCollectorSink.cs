namespace Tiergate.Safeguards.Matching;

/// <summary>
/// Collects pattern occurrences found by <see cref="AhoCorasickAutomaton.ScanFromWordStarts{TSink}"/>
/// so they can be replayed in the automaton's own order (by end index, then longest first).
/// </summary>
internal readonly ref struct HitCollectorSink(List<PatternHit> hits, AhoCorasickAutomaton automaton) : IPatternSink
{
    public void OnMatch(int pattern, int endInclusive) =>
        hits.Add(new PatternHit(endInclusive, automaton.PatternLength(pattern), pattern));
}
