using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Storage.Alerts;

namespace Tiergate.Commands;

/// <summary><c>tiergate alerts list|acknowledge|resolve|unmask</c>: the alerts misuse monitoring raises, read and closed by an operator.</summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "Only alerts in this status: open, acknowledged, resolved or false-positive." };
        status.AcceptOnlyFromAmong([.. AlertNames.Statuses]);
        var user = new Option<string?>("--user") { Description = "Only this user's alerts." };
        var list = new Command("list", "List alerts, newest first, with their evidence.") { status, user };
        list.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            AlertStatus? wanted = AlertNames.TryParseStatus(result.GetValue(status), out var s) ? s : null;
            var alerts = await cli.Alerts.ListAsync(wanted, result.GetValue(user), CliContext.Actor, ct);
            var lines = alerts.Select(a => $"{a.Id}  {a.Status,-14} {a.Severity,-6} {a.Detector,-20} {a.User ?? (a.Masked ? "(masked)" : "-")}  {a.Tier ?? "-"}  {a.CreatedAt:yyyy-MM-dd HH:mm}Z");
            return output.Success(new { alerts = alerts.Select(Json) }, alerts.Count == 0 ? "No alerts." : string.Join(Environment.NewLine, lines));
        }, ct));

        var id = new Option<long>("--id") { Description = "The alert's id.", Required = true };
        var outcome = new Option<string>("--as") { Description = "How it ends: resolved (handled) or false-positive (not misuse).", Required = true };
        outcome.AcceptOnlyFromAmong("resolved", "false-positive");
        var reason = new Option<string>("--reason") { Description = "Why, in words (at most 2000 characters); kept encrypted with the alert.", Required = true };
        var resolve = new Command("resolve", "Close an alert as resolved or a false positive, with a reason.") { id, outcome, reason };
        resolve.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var to = result.GetValue(outcome) == "resolved" ? AlertStatus.Resolved : AlertStatus.FalsePositive;
            var alert = await cli.Alerts.SetStatusAsync(result.GetValue(id), to, result.GetValue(reason), CliContext.Actor, ct);
            return output.Success(Json(alert), $"Alert {alert.Id} ({alert.Detector}) is {alert.Status}.");
        }, ct));

        var note = new Option<string?>("--reason") { Description = "Why, in words (optional; at most 2000 characters); kept encrypted with the alert." };
        var acknowledge = new Command("acknowledge", "Mark an alert as being looked into.") { id, note };
        acknowledge.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var alert = await cli.Alerts.SetStatusAsync(result.GetValue(id), AlertStatus.Acknowledged, result.GetValue(note) ?? "Acknowledged.", CliContext.Actor, ct);
            return output.Success(Json(alert), $"Alert {alert.Id} ({alert.Detector}) is {alert.Status}.");
        }, ct));

        var why = new Option<string>("--reason") { Description = "Why the user must be named (at most 2000 characters); audited, kept encrypted with the alert.", Required = true };
        var unmask = new Command("unmask", "Name the user and key of a masked alert (aggregate-privacy tiers), with a reason.") { id, why };
        unmask.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var alert = await cli.Alerts.UnmaskAsync(result.GetValue(id), result.GetValue(why), CliContext.Actor, asUser: null, ct);
            return output.Success(Json(alert), $"Alert {alert.Id} ({alert.Detector}) names {alert.User ?? "no user"}.");
        }, ct));

        return new Command("alerts", "List, acknowledge, close and unmask the alerts of misuse monitoring.") { list, acknowledge, resolve, unmask };
    }

    private static object Json(AlertView a) => new
    {
        id = a.Id,
        detector = a.Detector,
        user = a.User,
        key = a.KeyId,
        tier = a.Tier,
        severity = a.Severity,
        status = a.Status,
        evidence = a.Evidence,
        related_alert = a.RelatedAlertId,
        created_at = a.CreatedAt,
        updated_at = a.UpdatedAt,
        status_by = a.StatusBy,
        status_reason = a.StatusReason,
        masked = a.Masked,
        unmasked_by = a.UnmaskedBy,
        unmasked_at = a.UnmaskedAt,
        unmasked_reason = a.UnmaskedReason,
    };
}
