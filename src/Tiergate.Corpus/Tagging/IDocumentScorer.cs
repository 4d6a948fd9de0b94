namespace Tiergate.Corpus.Tagging;

/// <summary>A classifier that scores a document's UTF-8 text for one hazard label. Thread-safe.</summary>
public interface IDocumentScorer
{
    /// <summary>The label whose probability <see cref="Score"/> returns (e.g. <c>__label__hazard</c>).</summary>
    string Label { get; }

    /// <summary>Probability in [0, 1] that the text carries the label.</summary>
    float Score(ReadOnlySpan<byte> utf8Text);
}
