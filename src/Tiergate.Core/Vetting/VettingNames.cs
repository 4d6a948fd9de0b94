namespace Tiergate.Core.Vetting;

/// <summary>The names roles, statuses and verdicts have on the CLI, in JSON and in the database's audit details.</summary>
public static class VettingNames
{
    public static string Of(UserRole role) => role switch
    {
        UserRole.Reviewer => "reviewer",
        UserRole.Admin => "admin",
        _ => "applicant",
    };

    public static string Of(ApplicationStatus status) => status switch
    {
        ApplicationStatus.NeedsInfo => "needs-info",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Denied => "denied",
        _ => "pending",
    };

    public static string Of(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Deny => "deny",
        ReviewVerdict.Ask => "ask",
        _ => "approve",
    };

    public static bool TryParseRole(string? text, out UserRole role) => TryParse(text, Of, out role);

    public static bool TryParseStatus(string? text, out ApplicationStatus status) => TryParse(text, Of, out status);

    private static bool TryParse<T>(string? text, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
