namespace Tiergate.Core.Policy;

/// <summary>How applications for a tier are decided.</summary>
/// <param name="Approvals">Independent approvals (by distinct reviewers, none of them the applicant) that approve an application.</param>
public sealed record ReviewSettings(int Approvals)
{
    /// <summary>More would be a tier nobody can reach on a small team; the policy loader refuses it.</summary>
    public const int MaxApprovals = 10;

    public static readonly ReviewSettings Default = new(1);
}
