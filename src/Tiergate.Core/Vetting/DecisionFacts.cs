namespace Tiergate.Core.Vetting;

/// <summary>One recorded review decision.</summary>
/// <param name="Round">The application's submission round the decision was made in (1, then +1 at each resubmission).</param>
public sealed record DecisionFacts(long ReviewerId, ReviewVerdict Verdict, int Round);
