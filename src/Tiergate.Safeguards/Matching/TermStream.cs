using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Matching;

/// <summary>
/// Matches one <see cref="TermMatcher"/>'s terms over a normalised text that grows at its end, one scan
/// over each byte: the Aho-Corasick state carries over, and an occurrence that ends on the last byte seen
/// waits for the next byte (or the end of the text) to settle its word boundary. Keeps what
/// <see cref="MatchAccumulator"/> and the keyword stage compute over the whole text: distinct terms in order
/// of first occurrence, per-category distinct counts and weights (summed in that order), and each term's
/// first stored occurrence and stored-occurrence count (the first <see cref="MaxStoredMatches"/> occurrences
/// are stored). A trial (<see cref="BeginTrial"/> .. <see cref="EndTrial"/>) scans a provisional end and is
/// undone afterwards.
/// </summary>
internal sealed class TermStream : ICategoryCounts
{
    private readonly TermMatcher _matcher;
    private readonly List<PatternHit> _hits = [];
    private readonly List<PatternHit> _waiting = [];
    private readonly List<PatternHit> _savedWaiting = [];
    private readonly bool[] _seen;
    private readonly int[] _firstStart;
    private readonly int[] _firstEnd;
    private readonly int[] _occurrences;
    private readonly List<int> _distinct = [];
    private readonly int[] _categoryDistinct;
    private readonly double[] _categoryWeight;
    private readonly int[] _savedCategoryDistinct;
    private readonly double[] _savedCategoryWeight;
    private readonly int[] _trialStamp;
    private readonly List<(int Term, bool Seen, int FirstStart, int FirstEnd, int Occurrences)> _undo = [];
    private int _state;
    private int _scanned;
    private int _stored;
    private int _total;
    private int _stamp;
    private (int State, int Scanned, int Stored, int Total, int Distinct)? _saved;

    public TermStream(TermMatcher matcher, int maxStoredMatches)
    {
        _matcher = matcher ?? throw new ArgumentNullException(nameof(matcher));
        ArgumentOutOfRangeException.ThrowIfNegative(maxStoredMatches);
        MaxStoredMatches = maxStoredMatches;
        var terms = matcher.Terms.Count;
        _seen = new bool[terms];
        _firstStart = new int[terms];
        _firstEnd = new int[terms];
        _occurrences = new int[terms];
        _trialStamp = new int[terms];
        var categories = matcher.Categories.Count;
        _categoryDistinct = new int[categories];
        _categoryWeight = new double[categories];
        _savedCategoryDistinct = new int[categories];
        _savedCategoryWeight = new double[categories];
    }

    public int MaxStoredMatches { get; }

    /// <summary>Term ids in order of first occurrence.</summary>
    public IReadOnlyList<int> DistinctTermIds => _distinct;

    public int TotalMatches => _total;

    public int DistinctInCategory(int categoryIndex) => _categoryDistinct[categoryIndex];

    public double WeightInCategory(int categoryIndex) => _categoryWeight[categoryIndex];

    /// <summary>Source span of the term's first stored occurrence (<c>(0, 0)</c> when none was stored).</summary>
    public (int Start, int End) FirstOccurrence(int termId) => (_firstStart[termId], _firstEnd[termId]);

    /// <summary>Stored occurrences of the term.</summary>
    public int Occurrences(int termId) => _occurrences[termId];

    /// <summary>
    /// Scans <c>text[scanned..end)</c>. With <paramref name="atEnd"/> the text ends at <paramref name="end"/>,
    /// which settles occurrences on its last byte; otherwise they wait for the next byte.
    /// </summary>
    public void Advance(NormalizedText text, int end, bool atEnd)
    {
        ArgumentNullException.ThrowIfNull(text);
        var utf8 = text.Utf8;
        if (_scanned < end)
        {
            if (_waiting.Count > 0)
            {
                var nextIsSpace = utf8[_scanned] == (byte)' ';
                foreach (var hit in _waiting)
                {
                    Settle(text, hit, nextIsSpace);
                }

                _waiting.Clear();
            }

            _hits.Clear();
            var sink = new HitCollectorSink(_hits, _matcher.Automaton);
            _state = _matcher.Automaton.ScanFrom(utf8, _scanned, end, _state, ref sink);
            foreach (var hit in _hits)
            {
                if (hit.End + 1 < end)
                {
                    Settle(text, hit, utf8[hit.End + 1] == (byte)' ');
                }
                else
                {
                    _waiting.Add(hit);
                }
            }

            _scanned = end;
        }

        if (atEnd)
        {
            foreach (var hit in _waiting)
            {
                Settle(text, hit, endsAtBoundary: true);
            }

            _waiting.Clear();
        }
    }

    /// <summary>Remembers the committed state; everything until <see cref="EndTrial"/> is undone then.</summary>
    public void BeginTrial()
    {
        if (_saved is not null)
        {
            throw new InvalidOperationException("A trial is already open.");
        }

        _saved = (_state, _scanned, _stored, _total, _distinct.Count);
        _savedWaiting.Clear();
        _savedWaiting.AddRange(_waiting);
        _categoryDistinct.CopyTo(_savedCategoryDistinct, 0);
        _categoryWeight.CopyTo(_savedCategoryWeight, 0);
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_trialStamp);
            _stamp = 1;
        }
    }

    public void EndTrial()
    {
        if (_saved is not { } saved)
        {
            throw new InvalidOperationException("No trial is open.");
        }

        (_state, _scanned, _stored, _total) = (saved.State, saved.Scanned, saved.Stored, saved.Total);
        _distinct.RemoveRange(saved.Distinct, _distinct.Count - saved.Distinct);
        _waiting.Clear();
        _waiting.AddRange(_savedWaiting);
        _savedCategoryDistinct.CopyTo(_categoryDistinct, 0);
        _savedCategoryWeight.CopyTo(_categoryWeight, 0);
        foreach (var (term, seen, firstStart, firstEnd, occurrences) in _undo)
        {
            _seen[term] = seen;
            _firstStart[term] = firstStart;
            _firstEnd[term] = firstEnd;
            _occurrences[term] = occurrences;
        }

        _undo.Clear();
        _saved = null;
    }

    /// <summary>As <see cref="AccumulatorSink"/>: whole-word terms count only between spaces or text ends.</summary>
    private void Settle(NormalizedText text, PatternHit hit, bool endsAtBoundary)
    {
        var start = hit.End - hit.Length + 1;
        var atBoundary = endsAtBoundary && (start == 0 || text.Utf8[start - 1] == (byte)' ');
        var (sourceStart, sourceEnd) = text.MapToSource(start, hit.Length);
        foreach (var termId in _matcher.TermsOfPattern(hit.Pattern))
        {
            if (atBoundary || !_matcher.Terms[termId].WholeWord)
            {
                Add(termId, sourceStart, sourceEnd);
            }
        }
    }

    private void Add(int termId, int sourceStart, int sourceEnd)
    {
        if (_saved is not null && _trialStamp[termId] != _stamp)
        {
            _trialStamp[termId] = _stamp;
            _undo.Add((termId, _seen[termId], _firstStart[termId], _firstEnd[termId], _occurrences[termId]));
        }

        _total++;
        if (_stored < MaxStoredMatches)
        {
            _stored++;
            if (_occurrences[termId] == 0)
            {
                _firstStart[termId] = sourceStart;
                _firstEnd[termId] = sourceEnd;
            }

            _occurrences[termId]++;
        }

        if (!_seen[termId])
        {
            _seen[termId] = true;
            _distinct.Add(termId);
            var category = _matcher.CategoryIndexOf(termId);
            _categoryDistinct[category]++;
            _categoryWeight[category] += _matcher.Terms[termId].Weight;
        }
    }
}
