using Tiergate.Core.Errors;

namespace Tiergate.Storage.Alerts;

/// <summary>Errors of alert handling (ids and names are a public contract).</summary>
public static class AlertErrors
{
    public static readonly ErrorCode UnknownAlert = new("TG2080", "unknown_alert", 404, ErrorTypes.NotFound, "No alert has this id.");
    public static readonly ErrorCode AlertClosed = new("TG2081", "alert_closed", 409, ErrorTypes.Conflict, "The alert is already resolved or judged a false positive; its status does not change again.");

    public static readonly ErrorCode PrivacyPermissionRequired = new("TG2082", "privacy_permission_required", 403, ErrorTypes.Permission, "Only a user with the privacy permission may unmask an alert.");
    public static readonly ErrorCode AlertNotMasked = new("TG2083", "alert_not_masked", 409, ErrorTypes.Conflict, "The alert names its user already: it was never masked or is unmasked.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(AlertErrors));
}
