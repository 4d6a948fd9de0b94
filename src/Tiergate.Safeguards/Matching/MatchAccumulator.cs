namespace Tiergate.Safeguards.Matching;

/// <summary>
/// Collects matches of one <see cref="TermMatcher"/>: occurrences (up to <see cref="MaxMatches"/>),
/// distinct terms, and per-category distinct counts and weights (each distinct term counted once).
/// Reusable: <see cref="TermMatcher"/> resets it on every call, so keep one per thread.
/// </summary>
public sealed class MatchAccumulator : ICategoryCounts
{
    private readonly List<TermMatch> _matches = [];
    private readonly List<int> _distinct = [];
    private int[] _seen = [];
    private int _stamp;
    private int[] _categoryDistinct = [];
    private double[] _categoryWeight = [];
    private TermMatcher? _matcher;

    /// <summary>Scratch list for the anchored word-start scan; reused across calls.</summary>
    internal List<PatternHit> Hits { get; } = [];

    public MatchAccumulator(int maxMatches = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMatches);
        MaxMatches = maxMatches;
    }

    /// <summary>Occurrences beyond this many are counted in <see cref="TotalMatches"/> but not stored.</summary>
    public int MaxMatches { get; }

    public IReadOnlyList<TermMatch> Matches => _matches;

    /// <summary>Term ids in order of first occurrence.</summary>
    public IReadOnlyList<int> DistinctTermIds => _distinct;

    public int DistinctTermCount => _distinct.Count;

    public int TotalMatches { get; private set; }

    public TermMatcher Matcher => _matcher ?? throw new InvalidOperationException("The accumulator has not been used yet.");

    /// <summary>Distinct matched terms of category <paramref name="categoryIndex"/> (see <see cref="TermMatcher.Categories"/>).</summary>
    public int DistinctInCategory(int categoryIndex) => _categoryDistinct[categoryIndex];

    /// <summary>Sum of the weights of the distinct matched terms of a category.</summary>
    public double WeightInCategory(int categoryIndex) => _categoryWeight[categoryIndex];

    internal void Reset(TermMatcher matcher)
    {
        if (!ReferenceEquals(_matcher, matcher))
        {
            _matcher = matcher;
            _seen = new int[matcher.Terms.Count];
            _categoryDistinct = new int[matcher.Categories.Count];
            _categoryWeight = new double[matcher.Categories.Count];
            _stamp = 0;
        }

        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_seen);
            _stamp = 1;
        }

        _matches.Clear();
        _distinct.Clear();
        Array.Clear(_categoryDistinct);
        Array.Clear(_categoryWeight);
        TotalMatches = 0;
    }

    internal void Add(int termId, int start, int end)
    {
        TotalMatches++;
        if (_matches.Count < MaxMatches)
        {
            _matches.Add(new TermMatch(termId, start, end));
        }

        if (_seen[termId] != _stamp)
        {
            _seen[termId] = _stamp;
            _distinct.Add(termId);
            var category = _matcher!.CategoryIndexOf(termId);
            _categoryDistinct[category]++;
            _categoryWeight[category] += _matcher.Terms[termId].Weight;
        }
    }
}
