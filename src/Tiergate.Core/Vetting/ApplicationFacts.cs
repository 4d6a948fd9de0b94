namespace Tiergate.Core.Vetting;

/// <summary>What the review rules need to know about an application.</summary>
/// <param name="Round">Its current submission round: 1 when submitted, +1 each time the applicant resubmits after a request for information.</param>
public sealed record ApplicationFacts(long ApplicantId, ApplicationStatus Status, int Round, IReadOnlyList<DecisionFacts> Decisions)
{
    /// <summary>Approvals that count now: those of the current round (a resubmitted text is reviewed afresh).</summary>
    public int Approvals => Decisions.Count(d => d.Round == Round && d.Verdict == ReviewVerdict.Approve);
}
