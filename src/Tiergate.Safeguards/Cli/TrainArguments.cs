namespace Tiergate.Safeguards.Cli;

/// <summary>Arguments of <c>tiergate classifier train</c>.</summary>
public sealed record TrainArguments(string Input, string TextField, string LabelField, string Output)
{
    public int Epochs { get; init; } = 10;

    public float LearningRate { get; init; } = 0.5f;

    public int Buckets { get; init; } = 1 << 18;

    public int WordNgrams { get; init; } = 2;

    public int CharNgramMin { get; init; } = 3;

    public int CharNgramMax { get; init; } = 5;

    public int Seed { get; init; } = 1;

    public bool Json { get; init; }
}
