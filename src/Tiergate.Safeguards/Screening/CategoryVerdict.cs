namespace Tiergate.Safeguards.Screening;

/// <summary>
/// The screening decision for one category. <see cref="Score"/> (0..1) is the deciding stage's score
/// (1 when keywords alone decided; the classifier's probability when it decided), so a policy
/// profile may apply its own threshold; <see cref="Flagged"/> is the cascade's own decision.
/// </summary>
public sealed record CategoryVerdict(
    string Category,
    bool Flagged,
    double Score,
    string Stage,
    IReadOnlyList<MatchedTerm> MatchedTerms,
    IReadOnlyList<StageEvidence> Evidence);
