namespace Tiergate.Commands;

/// <summary>What <c>tiergate safeguards eval</c> was asked: the set, the tier, the output format, and whether to run the wobble check.</summary>
internal sealed record SafeguardsEvalArguments(string Input, string Tier, bool Json, bool Wobble);
