namespace Tiergate.Storage.Vetting;

/// <summary>One review decision as shown to reviewers and to the applicant.</summary>
public sealed record DecisionView(string Reviewer, string Verdict, int Round, string Reason, DateTimeOffset At);
