namespace Tiergate.Safeguards.Matching;

/// <summary>Orders occurrences as Aho-Corasick reports them: by end, then longest first.</summary>
internal sealed class TermMatchByEnd : IComparer<TermMatch>
{
    public static TermMatchByEnd Instance { get; } = new();

    public int Compare(TermMatch x, TermMatch y) =>
        x.End != y.End ? x.End.CompareTo(y.End) : x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.TermId.CompareTo(y.TermId);
}
