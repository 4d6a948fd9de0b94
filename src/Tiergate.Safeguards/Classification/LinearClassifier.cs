using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Classification;

/// <summary>
/// A fastText-style linear classifier: hashed word and character n-grams of normalised text,
/// one-vs-rest logistic outputs per label. Immutable and thread-safe. Train with
/// <see cref="LinearTrainer"/>; save and load with <see cref="LinearModelFile"/>.
/// </summary>
public sealed class LinearClassifier : ITextClassifier
{
    [ThreadStatic]
    private static NormalizedText? t_buffer;

    private readonly string[] _labels;

    internal LinearClassifier(string[] labels, FeatureOptions features, NormalizerOptions normalizer, float[] weights, float[] biases)
    {
        features.Validate();
        if (weights.Length != features.Buckets * labels.Length || biases.Length != labels.Length)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidModelFile, "weights do not match buckets x labels");
        }

        _labels = labels;
        Features = features;
        Normalizer = new TextNormalizer(normalizer);
        Weights = weights;
        Biases = biases;
    }

    public IReadOnlyList<string> Labels => _labels;

    public FeatureOptions Features { get; }

    public TextNormalizer Normalizer { get; }

    /// <summary>SHA-256 (lower-case hex) of the model file this instance was loaded from or last saved to.</summary>
    public string? Sha256 { get; internal set; }

    internal float[] Weights { get; }

    internal float[] Biases { get; }

    public void Score(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var buffer = t_buffer ??= new NormalizedText(4096, trackSourceOffsets: false);
        Normalizer.Normalize(text, buffer);
        ScoreNormalized(buffer.Utf8, probabilities);
    }

    /// <summary>Scores UTF-8 text.</summary>
    public void ScoreUtf8(ReadOnlySpan<byte> utf8, Span<float> probabilities)
    {
        var buffer = t_buffer ??= new NormalizedText(4096, trackSourceOffsets: false);
        Normalizer.NormalizeUtf8(utf8, buffer);
        ScoreNormalized(buffer.Utf8, probabilities);
    }

    /// <summary>Scores text already normalised with <see cref="Normalizer"/>'s options.</summary>
    public void ScoreNormalized(ReadOnlySpan<byte> normalized, Span<float> probabilities)
    {
        if (probabilities.Length < _labels.Length)
        {
            throw new ArgumentException($"Need room for {_labels.Length} scores.", nameof(probabilities));
        }

        var sums = probabilities[.._labels.Length];
        sums.Clear();
        var sink = new ScoreSink(Weights, sums);
        FeatureHasher.Extract(normalized, Features, ref sink);
        ToProbabilities(sums, sink.Count);
    }

    /// <summary>Turns the summed weight rows of <paramref name="count"/> features into probabilities, in place.</summary>
    internal void ToProbabilities(Span<float> sums, int count)
    {
        var scale = count == 0 ? 0f : 1f / MathF.Sqrt(count);
        for (var l = 0; l < sums.Length; l++)
        {
            sums[l] = Sigmoid((sums[l] * scale) + Biases[l]);
        }
    }

    /// <summary>Convenience form that allocates: probabilities per label.</summary>
    public float[] Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new float[_labels.Length];
        Score(text.AsSpan(), result);
        return result;
    }

    /// <summary>The label with the highest probability.</summary>
    public (string Label, float Probability) Predict(string text)
    {
        var scores = Score(text);
        var best = 0;
        for (var l = 1; l < scores.Length; l++)
        {
            if (scores[l] > scores[best])
            {
                best = l;
            }
        }

        return (_labels[best], scores[best]);
    }

    internal static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
