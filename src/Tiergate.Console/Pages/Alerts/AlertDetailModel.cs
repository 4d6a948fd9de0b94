using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Alerts;

namespace Tiergate.Console.Pages.Alerts;

/// <summary>
/// <c>/alerts/{id}</c>: one alert with its evidence and related alert; reviewers acknowledge, resolve or judge it a false
/// positive with a reason, and a reviewer with the <c>privacy</c> permission may unmask a masked alert (with a reason and
/// a recent second factor). The store checks the permission again and audits every change and every refusal.
/// </summary>
[Authorize(Roles = ConsoleRoles.Reviewers)]
public sealed class AlertDetailModel(AlertStore alerts) : ConsolePage
{
    public AlertView Alert { get; private set; } = null!;

    /// <summary>Whether the viewer holds the privacy permission (read from the database on this request).</summary>
    public bool MayUnmask { get; private set; }

    public string? Reason { get; private set; }

    public string? UnmaskReason { get; private set; }

    public string? Notice { get; private set; }

    public string? RefusalCode { get; private set; }

    public bool Closed => Alert.Status is "resolved" or "false-positive";

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "done")] string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Notice = done switch
        {
            "status" => $"The alert is now {Alert.Status}.",
            "unmask" => "The alert is unmasked; your reason is recorded.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, [FromForm(Name = "to")] string? to, [FromForm(Name = "reason")] string? reason)
    {
        Reason = Bounded(reason, ReviewRules.MaxReasonLength);
        AlertStatus? status = to switch
        {
            "acknowledged" => AlertStatus.Acknowledged,
            "resolved" => AlertStatus.Resolved,
            "false-positive" => AlertStatus.FalsePositive,
            _ => null,
        };
        if (status is null)
        {
            return await RefuseAsync(id, StatusCodes.Status400BadRequest, "Choose Acknowledge, Resolve or False positive.", null);
        }

        try
        {
            await alerts.SetStatusAsync(id, status.Value, reason, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == AlertErrors.UnknownAlert)
        {
            return NotFound();
        }
        catch (TiergateException e) when (e.Code == ErrorCodes.InvalidArgument)
        {
            Errors["reason"] = e.Message;
            return await RefuseAsync(id, e.Code.HttpStatus, "Correct the reason below.", null);
        }
        catch (TiergateException e) when (e.Code == AlertErrors.AlertClosed)
        {
            return await RefuseAsync(id, e.Code.HttpStatus, e.Message, e.Code.Name);
        }

        return Redirect($"/alerts/{id}?done=status");
    }

    public async Task<IActionResult> OnPostUnmaskAsync(long id, [FromForm(Name = "unmask_reason")] string? reason)
    {
        UnmaskReason = Bounded(reason, ReviewRules.MaxReasonLength);
        try
        {
            // The store checks the permission first (and audits a refusal), so a user without it learns nothing here.
            if (await alerts.MayUnmaskAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted)
                && this.RequireRecentSecondFactor(StepUp.Window) is { } challenge)
            {
                return challenge;
            }

            await alerts.UnmaskAsync(id, reason, HttpContext.Actor(), HttpContext.RequiredUserId(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == AlertErrors.PrivacyPermissionRequired)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (TiergateException e) when (e.Code == AlertErrors.UnknownAlert)
        {
            return NotFound();
        }
        catch (TiergateException e) when (e.Code == ErrorCodes.InvalidArgument)
        {
            Errors["unmask_reason"] = e.Message;
            return await RefuseAsync(id, e.Code.HttpStatus, "Correct the reason for unmasking below.", null);
        }
        catch (TiergateException e) when (e.Code == AlertErrors.AlertNotMasked)
        {
            return await RefuseAsync(id, e.Code.HttpStatus, e.Message, e.Code.Name);
        }

        return Redirect($"/alerts/{id}?done=unmask");
    }

    private async Task<IActionResult> RefuseAsync(long id, int status, string message, string? code)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        FormError = message;
        RefusalCode = code;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        try
        {
            Alert = await alerts.GetAsync(id, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == AlertErrors.UnknownAlert)
        {
            return false;
        }

        MayUnmask = await alerts.MayUnmaskAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted);
        return true;
    }
}
