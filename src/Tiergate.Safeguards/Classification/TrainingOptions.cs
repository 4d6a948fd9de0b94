using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Classification;

/// <summary>Options of <see cref="LinearTrainer"/>: SGD on one-vs-rest logistic loss with a linearly decaying rate.</summary>
public sealed record TrainingOptions
{
    public FeatureOptions Features { get; init; } = new();

    public NormalizerOptions Normalizer { get; init; } = NormalizerOptions.Default;

    public int Epochs { get; init; } = 10;

    public float LearningRate { get; init; } = 0.5f;

    /// <summary>L2 penalty applied to touched weights at every update.</summary>
    public float L2 { get; init; } = 1e-6f;

    public int Seed { get; init; } = 1;

    /// <summary>Labels in this order first (others follow in order of appearance); lets callers fix the label order.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
}
