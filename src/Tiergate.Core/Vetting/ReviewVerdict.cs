namespace Tiergate.Core.Vetting;

/// <summary>What one reviewer decided about an application.</summary>
public enum ReviewVerdict
{
    Approve = 0,
    Deny = 1,

    /// <summary>Ask the applicant for more information (the application goes to <see cref="ApplicationStatus.NeedsInfo"/>).</summary>
    Ask = 2,
}
