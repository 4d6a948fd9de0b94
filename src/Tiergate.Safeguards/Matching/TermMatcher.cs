using System.Collections.ObjectModel;
using System.Text;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Matching;

/// <summary>
/// Matches thousands of terms at once (Aho-Corasick DFA over normalised UTF-8), reporting which
/// terms matched and where in the source text. Immutable and thread-safe; pass one
/// <see cref="NormalizedText"/> and <see cref="MatchAccumulator"/> per thread for an allocation-free scan.
/// </summary>
public sealed class TermMatcher
{
    private readonly int[] _termCategory;
    private readonly int[] _patternTermStart;
    private readonly int[] _patternTerms;

    private TermMatcher(IReadOnlyList<Term> terms, TextNormalizer normalizer)
    {
        Terms = terms;
        Normalizer = normalizer;
        var categories = new List<string>();
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _termCategory = new int[terms.Count];
        var patternIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<byte[]>();
        var termsByPattern = new List<List<int>>();
        var buffer = new NormalizedText(64);
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            if (!categoryIndex.TryGetValue(term.Category, out var category))
            {
                category = categories.Count;
                categoryIndex[term.Category] = category;
                categories.Add(term.Category);
            }

            _termCategory[t] = category;
            normalizer.Normalize(term.Text.AsSpan(), buffer);
            if (buffer.Length == 0)
            {
                continue;
            }

            var key = Encoding.UTF8.GetString(buffer.Utf8);
            if (!patternIndex.TryGetValue(key, out var pattern))
            {
                pattern = patterns.Count;
                patternIndex[key] = pattern;
                patterns.Add(buffer.Utf8.ToArray());
                termsByPattern.Add([]);
            }

            termsByPattern[pattern].Add(t);
        }

        Categories = categories.AsReadOnly();
        _patternTermStart = new int[patterns.Count + 1];
        var flat = new List<int>(terms.Count);
        for (var p = 0; p < patterns.Count; p++)
        {
            _patternTermStart[p] = flat.Count;
            flat.AddRange(termsByPattern[p]);
        }

        _patternTermStart[patterns.Count] = flat.Count;
        _patternTerms = [.. flat];
        Automaton = new AhoCorasickAutomaton(patterns);
        _anchored = Automaton.AnchoredScanSupported && terms.All(t => t.WholeWord);
    }

    private readonly bool _anchored;

    /// <summary>
    /// When every term is whole-word, occurrences are found by walking the trie from each word start
    /// (cheaper, and cache-friendly with thousands of terms) and replayed in Aho-Corasick order, so the
    /// result is identical; off only in tests that check it changes nothing.
    /// </summary>
    internal bool AnchoredScan { get; init; } = true;

    public IReadOnlyList<Term> Terms { get; }

    /// <summary>Distinct categories in order of first appearance in the term list.</summary>
    public ReadOnlyCollection<string> Categories { get; }

    public TextNormalizer Normalizer { get; }

    internal AhoCorasickAutomaton Automaton { get; }

    /// <summary>The same matcher with the plain Aho-Corasick scan (for tests comparing the two).</summary>
    internal TermMatcher WithoutAnchoredScan() => new(Terms, Normalizer) { AnchoredScan = false };

    public static TermMatcher Create(IEnumerable<Term> terms, TextNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var list = terms.ToList();
        foreach (var term in list)
        {
            ArgumentNullException.ThrowIfNull(term);
        }

        return new TermMatcher(list.AsReadOnly(), normalizer ?? TextNormalizer.Default);
    }

    public int CategoryIndexOf(int termId) => _termCategory[termId];

    /// <summary>Normalises <paramref name="text"/> into <paramref name="buffer"/> and matches it.</summary>
    public void Match(ReadOnlySpan<char> text, NormalizedText buffer, MatchAccumulator accumulator)
    {
        Normalizer.Normalize(text, buffer);
        MatchNormalized(buffer, accumulator);
    }

    /// <summary>Normalises UTF-8 <paramref name="utf8"/> into <paramref name="buffer"/> and matches it; offsets are byte offsets.</summary>
    public void MatchUtf8(ReadOnlySpan<byte> utf8, NormalizedText buffer, MatchAccumulator accumulator)
    {
        Normalizer.NormalizeUtf8(utf8, buffer);
        MatchNormalized(buffer, accumulator);
    }

    /// <summary>Matches text already normalised by <see cref="Normalizer"/>.</summary>
    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void MatchNormalized(NormalizedText normalized, MatchAccumulator accumulator)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(accumulator);
        accumulator.Reset(this);
        var sink = new AccumulatorSink(this, normalized, accumulator);
        if (!(_anchored && AnchoredScan))
        {
            Automaton.Scan(normalized.Utf8, ref sink);
            return;
        }

        var hits = accumulator.Hits;
        hits.Clear();
        var collector = new HitCollectorSink(hits, Automaton);
        Automaton.ScanFromWordStarts(normalized.Utf8, ref collector);
        if (hits.Count > 1)
        {
            hits.Sort();
        }

        foreach (var hit in hits)
        {
            sink.OnMatch(hit.Pattern, hit.End);
        }
    }

    /// <summary>
    /// Occurrences at offsets of the normalised text itself, appended in order of end (at most <paramref name="max"/> in the list):
    /// what rules that measure distances between terms need.
    /// </summary>
    internal void MatchPositions(ReadOnlySpan<byte> normalized, List<TermMatch> hits, int max)
    {
        var sink = new PositionSink(this, normalized, hits, max);
        if (!(_anchored && AnchoredScan))
        {
            Automaton.Scan(normalized, ref sink);
            return;
        }

        // Walked from word starts (cheaper with thousands of terms), so put back in order of end.
        var from = hits.Count;
        Automaton.ScanFromWordStarts(normalized, ref sink);
        hits.Sort(from, hits.Count - from, TermMatchByEnd.Instance);
    }

    /// <summary>Convenience form that allocates its buffers: matches in <paramref name="text"/>.</summary>
    public MatchAccumulator Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var accumulator = new MatchAccumulator();
        Match(text.AsSpan(), new NormalizedText(text.Length + 16), accumulator);
        return accumulator;
    }

    internal ReadOnlySpan<int> TermsOfPattern(int pattern) =>
        _patternTerms.AsSpan(_patternTermStart[pattern], _patternTermStart[pattern + 1] - _patternTermStart[pattern]);
}
