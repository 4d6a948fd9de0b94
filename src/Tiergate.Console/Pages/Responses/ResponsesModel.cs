using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Responses;

namespace Tiergate.Console.Pages.Responses;

/// <summary>
/// <c>/responses</c> (reviewers, admins; <c>?alert=ID</c> narrows to one alert's): the pending and active graduated
/// responses to alerts, with Confirm and Decline for a pending one and Reverse for an active one, each with a written
/// reason. Like a review decision, a change asks for a second factor proved in the last 15 minutes. The gateway of
/// this process applies it on the next request (others within 2 s). Audited by <see cref="ResponseStore"/>.
/// </summary>
[Authorize(Roles = ConsoleRoles.Reviewers)]
public sealed class ResponsesModel(ResponseStore responses) : ConsolePage
{
    public long? AlertId { get; private set; }

    public IReadOnlyList<ResponseView> Pending { get; private set; } = [];

    public IReadOnlyList<ResponseView> Active { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>The response whose form failed, so its reason is shown again with the error.</summary>
    public long? FailedId { get; private set; }

    public string? Reason { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "alert")] long? alert, [FromQuery(Name = "done")] long? done, [FromQuery(Name = "to")] string? to)
    {
        Notice = done is { } id && to is ResponseStatus.Active or ResponseStatus.Declined or ResponseStatus.Reversed or ResponseStatus.Done
            ? $"Response {id} is {to}; the gateway applies it from the next request."
            : null;
        await LoadAsync(alert);
    }

    public Task<IActionResult> OnPostConfirmAsync([FromForm(Name = "id")] long? id, [FromForm(Name = "reason")] string? reason, [FromForm(Name = "alert")] long? alert) =>
        DecideAsync(id, reason, alert, (store, i, r, actor, ct) => store.ConfirmAsync(i, r, actor, ct));

    public Task<IActionResult> OnPostDeclineAsync([FromForm(Name = "id")] long? id, [FromForm(Name = "reason")] string? reason, [FromForm(Name = "alert")] long? alert) =>
        DecideAsync(id, reason, alert, (store, i, r, actor, ct) => store.DeclineAsync(i, r, actor, ct));

    public Task<IActionResult> OnPostReverseAsync([FromForm(Name = "id")] long? id, [FromForm(Name = "reason")] string? reason, [FromForm(Name = "alert")] long? alert) =>
        DecideAsync(id, reason, alert, (store, i, r, actor, ct) => store.ReverseAsync(i, r, actor, ct));

    private async Task<IActionResult> DecideAsync(long? id, string? reason, long? alert, Func<ResponseStore, long, string?, string, CancellationToken, Task<ResponseView>> decide)
    {
        if (this.RequireRecentSecondFactor(StepUp.Window) is { } challenge)
        {
            return challenge;
        }

        if (id is null)
        {
            FormError = "No response was named.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(alert);
            return Page();
        }

        ResponseView decided;
        try
        {
            decided = await decide(responses, id.Value, reason, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code.HttpStatus is >= 400 and < 500)
        {
            FailedId = id;
            Reason = Bounded(reason, ReviewRules.MaxReasonLength);
            if (e.Code == ErrorCodes.InvalidArgument)
            {
                Errors["reason"] = e.Message;
            }

            FormError = $"{e.Message} Nothing was changed.";
            Response.StatusCode = e.Code.HttpStatus;
            await LoadAsync(alert);
            return Page();
        }

        var filter = alert is { } a ? $"&alert={a.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "";
        return Redirect($"/responses?done={decided.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}&to={decided.Status}{filter}");
    }

    private async Task LoadAsync(long? alert)
    {
        AlertId = alert;
        Pending = await responses.ListAsync(ResponseStatus.Pending, alert, HttpContext.RequestAborted);
        Active = await responses.ListAsync(ResponseStatus.Active, alert, HttpContext.RequestAborted);
    }
}
