namespace Tiergate.Corpus.Tagging;

/// <summary>
/// A blocklist scanner over UTF-8 text. Implementations must be safe to call from many threads
/// at once; per-call state lives in the <see cref="TermHits"/> the caller owns.
/// </summary>
public interface ITermScanner
{
    /// <summary>Number of distinct terms; term ids are 0..TermCount-1.</summary>
    int TermCount { get; }

    /// <summary>The term's text as written in the blocklist.</summary>
    string GetTerm(int termId);

    /// <summary>The term's hazard category (e.g. <c>bio</c>); empty when the blocklist has none.</summary>
    string GetCategory(int termId);

    /// <summary>Records every distinct term found in <paramref name="utf8Text"/> into <paramref name="hits"/>.</summary>
    void Scan(ReadOnlySpan<byte> utf8Text, TermHits hits);
}
