namespace Tiergate.Safeguards.Matching;

/// <summary>One pattern occurrence in normalised text; ordered as Aho-Corasick reports them.</summary>
internal readonly record struct PatternHit(int End, int Length, int Pattern) : IComparable<PatternHit>
{
    /// <summary>By end index, then longest first (the order of a state's output chain).</summary>
    public int CompareTo(PatternHit other) =>
        End != other.End ? End.CompareTo(other.End) : other.Length.CompareTo(Length);

    public static bool operator <(PatternHit left, PatternHit right) => left.CompareTo(right) < 0;

    public static bool operator >(PatternHit left, PatternHit right) => left.CompareTo(right) > 0;

    public static bool operator <=(PatternHit left, PatternHit right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PatternHit left, PatternHit right) => left.CompareTo(right) >= 0;
}
