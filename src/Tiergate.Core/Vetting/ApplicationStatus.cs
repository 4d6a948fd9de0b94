namespace Tiergate.Core.Vetting;

/// <summary>Where an application stands. Approved and denied are final; a renewal is a new application.</summary>
public enum ApplicationStatus
{
    /// <summary>Waiting for reviewers.</summary>
    Pending = 0,

    /// <summary>A reviewer asked the applicant for more information; the applicant updates and resubmits it.</summary>
    NeedsInfo = 1,

    /// <summary>Reached the tier's number of approvals; a grant was created.</summary>
    Approved = 2,

    /// <summary>A reviewer denied it.</summary>
    Denied = 3,
}
