using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.Pages.Applications;

/// <summary>
/// <c>/applications/{id}</c>: one of the signed-in user's applications with the reasons reviewers gave; when a
/// reviewer asked for more information, a form to update the use case and resubmit. The application is looked up
/// among the user's own, so another user's id answers 404 as an unknown one does.
/// </summary>
[Authorize]
public sealed class DetailModel(IApplicationAdministration applications) : ConsolePage
{
    public ApplicationView Application { get; private set; } = null!;

    /// <summary>The updated use case as typed, shown again when it is refused.</summary>
    public string? UseCase { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "done")] string? done)
    {
        if (await OwnAsync(id) is not { } application)
        {
            return NotFound();
        }

        Application = application;
        Notice = done switch
        {
            "submitted" => "Your application was submitted. We sent you an email; you will get another at every change.",
            "resubmitted" => "Your application was resubmitted and waits for review again.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, [FromForm(Name = "useCase")] string? useCase)
    {
        if (await OwnAsync(id) is not { } application)
        {
            return NotFound();
        }

        Application = application;
        UseCase = Bounded(useCase, VettingText.MaxUseCaseLength);
        if (application.Status != VettingNames.Of(ApplicationStatus.NeedsInfo))
        {
            // A replayed or stale form: the application was already resubmitted or decided.
            FormError = $"This application is {application.Status}; only an application a reviewer asked about can be resubmitted. Nothing was changed.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (VettingText.Check("The updated use case", useCase, VettingText.MaxUseCaseLength, required: true) is { } problem)
        {
            Errors["useCase"] = problem;
            FormError = "Correct the field marked below. Nothing was changed.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await applications.ResubmitAsync(id, useCase!, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code.HttpStatus is >= 400 and < 500)
        {
            FormError = e.Message + " Nothing was changed.";
            Response.StatusCode = e.Code.HttpStatus;
            Application = await OwnAsync(id) ?? application;
            return Page();
        }

        return Redirect($"/applications/{id}?done=resubmitted");
    }

    private async Task<ApplicationView?> OwnAsync(long id) =>
        (await applications.ForApplicantAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted)).FirstOrDefault(a => a.Id == id);
}
