using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Identity;

namespace Tiergate.Console.Pages.Admin;

/// <summary>
/// <c>/admin/users/{id}</c>: a user's role, identity level, grants and identity checks (the evidence is shown to admins
/// only, escaped); change the role, record an identity check. Every read and change is audited with the admin as actor.
/// </summary>
[Authorize(Roles = ConsoleRoles.Admins)]
public sealed class AdminUserModel(IUserAdministration users, IIdentityVerifications verifications) : ConsolePage
{
    /// <summary>The manual methods, as the form offers them.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Methods =
    [
        (VerificationNames.ReviewerDocument, "Identity document checked by a reviewer"),
        (VerificationNames.ReviewerInPerson, "Seen in person by a reviewer"),
        (VerificationNames.ReviewerInstitution, "Confirmed with the institution by a reviewer"),
        (VerificationNames.Operator, "Operator's word"),
    ];

    /// <summary>The levels an admin may record: <c>email</c> is what verifying the address already gives.</summary>
    public static readonly IReadOnlyList<string> Levels = ["verified", "affiliated"];

    public static readonly IReadOnlyList<string> Roles = [VettingNames.Of(UserRole.Applicant), VettingNames.Of(UserRole.Reviewer), VettingNames.Of(UserRole.Admin)];

    public UserView Target { get; private set; } = null!;

    public IReadOnlyList<VerificationView> Checks { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Method { get; private set; }

    public string? Evidence { get; private set; }

    public string? Level { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "done")] string? done)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Notice = done switch
        {
            "role" => "The role is changed.",
            "check" => "The identity check is recorded.",
            "withdrawn" => "The verification is withdrawn; the identity level follows.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, [FromForm(Name = "role")] string? role)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!VettingNames.TryParseRole(role, out var parsed))
        {
            Errors["role"] = "Choose applicant, reviewer or admin.";
            return Refused();
        }

        await users.SetRoleAsync(Target.Email, parsed, HttpContext.Actor(), HttpContext.RequestAborted);
        return Redirect($"/admin/users/{id}?done=role");
    }

    public async Task<IActionResult> OnPostCheckAsync(long id, [FromForm(Name = "level")] string? level, [FromForm(Name = "method")] string? method, [FromForm(Name = "evidence")] string? evidence)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Level = level;
        Method = Bounded(method, 64);
        Evidence = Bounded(evidence, UserAdministration.MaxEvidenceLength);
        IdentityLevel? parsed = level switch
        {
            "verified" => IdentityLevel.Verified,
            "affiliated" => IdentityLevel.Affiliated,
            _ => null,
        };
        if (parsed is null)
        {
            Errors["level"] = "Choose verified or affiliated.";
        }

        if (!Methods.Any(m => m.Value == method) && method is not ("document" or "in person" or "institution"))
        {
            Errors["method"] = "Choose how you checked.";
        }

        if (VettingText.Check("The evidence", evidence, UserAdministration.MaxEvidenceLength, required: true) is { } evidenceProblem)
        {
            Errors["evidence"] = evidenceProblem;
        }

        if (Errors.Count > 0)
        {
            return Refused();
        }

        try
        {
            await users.RecordIdentityCheckAsync(Target.Email, parsed!.Value, method!, evidence!, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == ErrorCodes.InvalidArgument)
        {
            FormError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/admin/users/{id}?done=check");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, [FromForm(Name = "verification")] long verification, [FromForm(Name = "reason")] string? reason)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Checks.All(c => c.Id != verification))
        {
            return NotFound();
        }

        try
        {
            await verifications.WithdrawAsync(verification, reason ?? "", HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == ErrorCodes.InvalidArgument || e.Code == IdentityErrors.VerificationWithdrawn)
        {
            FormError = e.Message;
            Response.StatusCode = e.Code.HttpStatus;
            return Page();
        }

        return Redirect($"/admin/users/{id}?done=withdrawn");
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused()
    {
        FormError = "Correct the fields marked below; nothing was changed.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        try
        {
            Target = await users.GetAsync(id, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == UserErrors.UnknownUser)
        {
            return false;
        }

        Checks = await users.IdentityChecksAsync(id, HttpContext.RequestAborted);
        return true;
    }
}
