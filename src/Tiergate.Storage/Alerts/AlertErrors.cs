using Tiergate.Core.Errors;

namespace Tiergate.Storage.Alerts;

/// <summary>Errors of alert handling (ids and names are a public contract).</summary>
public static class AlertErrors
{
    public static readonly ErrorCode UnknownAlert = new("TG2080", "unknown_alert", 404, ErrorTypes.NotFound, "No alert has this id.");
    public static readonly ErrorCode AlertClosed = new("TG2081", "alert_closed", 409, ErrorTypes.Conflict, "The alert is already resolved or judged a false positive; its status does not change again.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(AlertErrors));
}
