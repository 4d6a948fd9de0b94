namespace Tiergate.Safeguards.Matching;

/// <summary>Receives pattern occurrences from <see cref="AhoCorasickAutomaton.Scan{TSink}"/>.</summary>
internal interface IPatternSink
{
    void OnMatch(int pattern, int endInclusive);
}
