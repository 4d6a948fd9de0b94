using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.Pages.Review;

/// <summary>
/// <c>/review/{id}</c>: one application with the applicant's identity level, account age, history and grants, and the
/// decision form. Every decision needs step-up and a reason; <see cref="ReviewRules"/> (in storage) refuses the
/// applicant's own application and a second decision by the same reviewer, so a replayed post changes nothing.
/// </summary>
[Authorize(Roles = ConsoleRoles.Reviewers)]
public sealed class ReviewDecisionModel(IApplicationAdministration applications, TimeProvider time) : ConsolePage
{
    public ApplicationDossier Dossier { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public string? Reason { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The refusal's stable code (<c>own_application</c>, <c>already_reviewed</c>, …), shown beside its message.</summary>
    public string? RefusalCode { get; private set; }

    public bool OwnApplication => Dossier.ApplicantId == HttpContext.RequiredUserId();

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "done")] string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Notice = done switch
        {
            "approve" => "Your approval is recorded.",
            "deny" => "Your denial is recorded; the applicant was told the reason by mail.",
            "ask" => "Your request for more information is recorded; the applicant was told the reason by mail.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, [FromForm(Name = "verdict")] string? verdict, [FromForm(Name = "reason")] string? reason)
    {
        if (this.RequireRecentSecondFactor(StepUp.Window) is { } challenge)
        {
            return challenge;
        }

        Reason = Bounded(reason, ReviewRules.MaxReasonLength);
        ReviewVerdict? parsed = verdict switch
        {
            "approve" => ReviewVerdict.Approve,
            "deny" => ReviewVerdict.Deny,
            "ask" => ReviewVerdict.Ask,
            _ => null,
        };
        if (parsed is null)
        {
            return await RefuseAsync(id, StatusCodes.Status400BadRequest, "Choose Approve, Deny or Ask for more information.", null);
        }

        try
        {
            await applications.ReviewAsync(id, HttpContext.Email(), parsed.Value, reason, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == VettingErrors.UnknownApplication)
        {
            return NotFound();
        }
        catch (TiergateException e) when (e.Code == VettingErrors.ReasonRequired)
        {
            Errors["reason"] = e.Message;
            return await RefuseAsync(id, e.Code.HttpStatus, "Correct the reason below.", null);
        }
        catch (TiergateException e) when (e.Code == VettingErrors.OwnApplication || e.Code == VettingErrors.AlreadyReviewed || e.Code == VettingErrors.ApplicationNotOpen || e.Code == VettingErrors.NotAReviewer)
        {
            return await RefuseAsync(id, e.Code.HttpStatus, e.Message, e.Code.Name);
        }

        return Redirect($"/review/{id}?done={parsed.Value switch { ReviewVerdict.Approve => "approve", ReviewVerdict.Deny => "deny", _ => "ask" }}");
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
        Now = time.GetUtcNow();
        try
        {
            Dossier = await applications.DossierAsync(id, HttpContext.Actor(), HttpContext.RequestAborted);
            return true;
        }
        catch (TiergateException e) when (e.Code == VettingErrors.UnknownApplication)
        {
            return false;
        }
    }
}
