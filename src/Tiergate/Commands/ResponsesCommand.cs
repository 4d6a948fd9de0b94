using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Storage.Responses;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate responses list|confirm|reverse|decline</c>: the graduated responses to alerts, as a reviewer confirms
/// pending ones, declines them, or reverses active ones. A running gateway applies the change within 2 seconds.
/// </summary>
internal static class ResponsesCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "Only responses in this status: pending, active, reversed, declined or done." };
        status.AcceptOnlyFromAmong([.. ResponseStatus.All]);
        var alert = new Option<long?>("--alert") { Description = "Only the responses to this alert." };
        var list = new Command("list", "List responses, newest first.") { status, alert };
        list.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var responses = await cli.Responses.ListAsync(result.GetValue(status), result.GetValue(alert), ct);
            var lines = responses.Select(r => $"{r.Id}  {r.Status,-9} {r.Action,-14} {r.Mode,-9} alert {r.AlertId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}  {r.Detector,-18} {r.User ?? "-"}  {r.Tier}  {r.KeyId ?? "-"}  {r.CreatedAt:yyyy-MM-dd HH:mm}Z");
            return output.Success(new { responses = responses.Select(Json) }, responses.Count == 0 ? "No responses." : string.Join(Environment.NewLine, lines));
        }, ct));

        return new Command("responses", "List, confirm, decline and reverse the graduated responses to alerts.")
        {
            list,
            Decision("confirm", "Confirm a pending response: it is in force from the next request.", (store, id, reason, ct) => store.ConfirmAsync(id, reason, CliContext.Actor, ct)),
            Decision("reverse", "Reverse an active response: the user's access is restored.", (store, id, reason, ct) => store.ReverseAsync(id, reason, CliContext.Actor, ct)),
            Decision("decline", "Decline a pending response: it never takes effect.", (store, id, reason, ct) => store.DeclineAsync(id, reason, CliContext.Actor, ct)),
        };
    }

    private static Command Decision(string name, string description, Func<ResponseStore, long, string, CancellationToken, Task<ResponseView>> decide)
    {
        var id = new Option<long>("--id") { Description = "The response's id.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, in words (at most 2000 characters); kept encrypted with the response.", Required = true };
        var command = new Command(name, description) { id, reason };
        command.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var response = await decide(cli.Responses, result.GetValue(id), result.GetValue(reason)!, ct);
            return output.Success(Json(response), $"Response {response.Id} ({response.Action}) is {response.Status}.");
        }, ct));
        return command;
    }

    private static object Json(ResponseView r) => new
    {
        id = r.Id,
        alert = r.AlertId,
        detector = r.Detector,
        action = r.Action,
        mode = r.Mode,
        user = r.User,
        key = r.KeyId,
        tier = r.Tier,
        status = r.Status,
        created_at = r.CreatedAt,
        updated_at = r.UpdatedAt,
        decided_by = r.DecidedBy,
        decided_reason = r.DecidedReason,
    };
}
