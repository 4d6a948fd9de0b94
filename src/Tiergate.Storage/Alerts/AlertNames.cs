namespace Tiergate.Storage.Alerts;

/// <summary>The names of statuses and severities as the CLI, JSON and audit records spell them (a public contract).</summary>
public static class AlertNames
{
    public static string Of(AlertStatus status) => status switch
    {
        AlertStatus.Acknowledged => "acknowledged",
        AlertStatus.Resolved => "resolved",
        AlertStatus.FalsePositive => "false-positive",
        _ => "open",
    };

    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Medium => "medium",
        AlertSeverity.High => "high",
        _ => "low",
    };

    public static readonly IReadOnlyList<string> Statuses = [.. Enum.GetValues<AlertStatus>().Select(Of)];

    public static bool TryParseStatus(string? text, out AlertStatus status)
    {
        foreach (var candidate in Enum.GetValues<AlertStatus>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = AlertStatus.Open;
        return false;
    }
}
