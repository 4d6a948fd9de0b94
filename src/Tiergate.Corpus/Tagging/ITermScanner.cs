namespace Tiergate.Corpus.Tagging;

/// <summary>
/// A blocklist over UTF-8 text. The scanner is shared; each worker thread scans through its own
/// <see cref="ITermScanSession"/>, which owns the scratch buffers.
/// </summary>
public interface ITermScanner
{
    /// <summary>Number of distinct terms; term ids are 0..TermCount-1.</summary>
    int TermCount { get; }

    /// <summary>The term's text as written in the blocklist.</summary>
    string GetTerm(int termId);

    /// <summary>The term's hazard category (e.g. <c>bio</c>); empty when the blocklist has none.</summary>
    string GetCategory(int termId);

    /// <summary>Creates the per-thread scanning state.</summary>
    ITermScanSession CreateSession();
}
