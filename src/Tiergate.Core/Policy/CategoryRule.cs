namespace Tiergate.Core.Policy;

/// <summary>One hazard category in one direction: the action, taken when the screening score reaches the threshold.</summary>
public sealed record CategoryRule(SafeguardAction Action, double Threshold)
{
    public const double DefaultThreshold = 0.5;

    public static readonly CategoryRule Block = new(SafeguardAction.Block, DefaultThreshold);
}
