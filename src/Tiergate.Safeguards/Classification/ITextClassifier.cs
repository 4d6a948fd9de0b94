namespace Tiergate.Safeguards.Classification;

/// <summary>A classifier giving one probability in [0, 1] per label (one-vs-rest; labels are categories).</summary>
public interface ITextClassifier
{
    IReadOnlyList<string> Labels { get; }

    /// <summary>Writes one probability per label of <see cref="Labels"/> into <paramref name="probabilities"/>.</summary>
    void Score(ReadOnlySpan<char> text, Span<float> probabilities);
}
