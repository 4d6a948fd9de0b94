namespace Tiergate.Core.Vetting;

/// <summary>What a person may do in the access framework; stored on the user, <see cref="Applicant"/> by default.</summary>
public enum UserRole
{
    /// <summary>Applies for tiers and uses the grants they are given.</summary>
    Applicant = 0,

    /// <summary>Also decides other people's applications.</summary>
    Reviewer = 1,

    /// <summary>Also administers users, identity checks and grants.</summary>
    Admin = 2,
}
