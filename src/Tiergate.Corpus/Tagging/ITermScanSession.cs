namespace Tiergate.Corpus.Tagging;

/// <summary>One worker's scanning state for one blocklist. Not thread-safe.</summary>
public interface ITermScanSession
{
    /// <summary>Records every distinct term found in <paramref name="utf8Text"/> into <paramref name="hits"/>.</summary>
    void Scan(ReadOnlySpan<byte> utf8Text, TermHits hits);
}
