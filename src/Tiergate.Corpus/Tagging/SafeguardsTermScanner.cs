using Tiergate.Safeguards.Matching;

namespace Tiergate.Corpus.Tagging;

/// <summary>The safeguards engine's <see cref="TermMatcher"/> (normaliser + Aho-Corasick over UTF-8) as a corpus blocklist.</summary>
public sealed class SafeguardsTermScanner(TermMatcher matcher) : ITermScanner
{
    public TermMatcher Matcher { get; } = matcher;

    public int TermCount => Matcher.Terms.Count;

    public string GetTerm(int termId) => Matcher.Terms[termId].Text;

    public string GetCategory(int termId) => Matcher.Terms[termId].Category;

    public ITermScanSession CreateSession() => new Session(Matcher);

    /// <summary>Loads a term list file (<c>term[TAB category[TAB weight[TAB substring]]]</c>), as the gateway does.</summary>
    public static SafeguardsTermScanner Load(string path) => new(TermMatcher.Create(TermList.Load(path)));

    private sealed class Session(TermMatcher matcher) : ITermScanSession
    {
        private readonly Safeguards.Normalization.NormalizedText _buffer = new(1 << 16, trackSourceOffsets: false);
        private readonly MatchAccumulator _accumulator = new(maxMatches: 0);

        // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Scan(ReadOnlySpan<byte> utf8Text, TermHits hits)
        {
            matcher.MatchUtf8(utf8Text, _buffer, _accumulator);
            var distinct = _accumulator.DistinctTermIds;
            for (var i = 0; i < distinct.Count; i++)
            {
                hits.Add(distinct[i]);
            }
        }
    }
}
