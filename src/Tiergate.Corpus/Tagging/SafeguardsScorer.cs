using Tiergate.Safeguards.Classification;

namespace Tiergate.Corpus.Tagging;

/// <summary>The safeguards engine's <see cref="LinearClassifier"/> scoring one of its labels.</summary>
public sealed class SafeguardsScorer : IDocumentScorer
{
    private static readonly string[] NegativeLabels = ["safe", "benign", "clean", "negative", "none", "ok", "other"];
    private readonly LinearClassifier _model;
    private readonly int _label;

    public SafeguardsScorer(LinearClassifier model, string? label)
    {
        _model = model;
        var labels = model.Labels;
        if (label is not null)
        {
            _label = labels.ToList().FindIndex(l => l == label || l == "__label__" + label);
            if (_label < 0)
            {
                throw new ArgumentException($"model has no label '{label}' (labels: {string.Join(", ", labels)})", nameof(label));
            }
        }
        else
        {
            // Default: the one label that is not a negative class; otherwise the first label.
            var positive = labels.Select((l, i) => (l, i)).Where(p => !NegativeLabels.Contains(p.l.Replace("__label__", string.Empty, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase)).ToList();
            _label = positive.Count == 1 ? positive[0].i : 0;
        }

        Label = labels[_label];
    }

    public string Label { get; }

    public string? Sha256 => _model.Sha256;

    public float Score(ReadOnlySpan<byte> utf8Text)
    {
        Span<float> probabilities = stackalloc float[_model.Labels.Count];
        _model.ScoreUtf8(utf8Text, probabilities);
        return probabilities[_label];
    }
}
