namespace Tiergate.Corpus.Tagging;

/// <summary>
/// Reusable per-worker collector of the distinct terms one document matched. Reset is O(hits),
/// so a worker can reuse one instance for millions of documents without allocating.
/// </summary>
public sealed class TermHits
{
    private readonly bool[] _seen;
    private int[] _distinct;
    private int _count;

    public TermHits(int termCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(termCount);
        _seen = new bool[termCount];
        _distinct = new int[Math.Min(Math.Max(termCount, 1), 64)];
    }

    /// <summary>Distinct term ids in the order they were first seen.</summary>
    public ReadOnlySpan<int> Distinct => _distinct.AsSpan(0, _count);

    public int DistinctCount => _count;

    /// <summary>Adds a term id; repeated ids are ignored.</summary>
    public void Add(int termId)
    {
        if (_seen[termId])
        {
            return;
        }

        _seen[termId] = true;
        if (_count == _distinct.Length)
        {
            Array.Resize(ref _distinct, _distinct.Length * 2);
        }

        _distinct[_count++] = termId;
    }

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Reset()
    {
        foreach (var id in Distinct)
        {
            _seen[id] = false;
        }

        _count = 0;
    }
}
