namespace Tiergate.Safeguards.Cli;

/// <summary>Arguments of <c>tiergate classifier eval</c>.</summary>
public sealed record EvalArguments(string Model, string Input, string TextField, string LabelField)
{
    public double Threshold { get; init; } = 0.5;

    public bool Json { get; init; }
}
