using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Console.Pages.Admin;

/// <summary>
/// <c>/admin/grants</c>: grants, newest first (optionally one user's), with "Revoke" per active grant. Revocation holds
/// from the gateway's next call (it reads grants on every request); a replayed revocation changes nothing. Audited.
/// </summary>
[Authorize(Roles = ConsoleRoles.Admins)]
public sealed class AdminGrantsModel(IGrantAdministration grants, TimeProvider time) : ConsolePage
{
    public const int PageSize = 200;

    public string? Email { get; private set; }

    public IReadOnlyList<GrantView> Grants { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "email")] string? email, [FromQuery(Name = "revoked")] long? revoked)
    {
        Notice = revoked is { } id ? $"Grant {id} is revoked; the gateway refuses it from the next call." : null;
        await LoadAsync(email);
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm(Name = "id")] long? id, [FromForm(Name = "email")] string? email)
    {
        if (id is null)
        {
            FormError = "No grant was named.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(email);
            return Page();
        }

        try
        {
            await grants.RevokeByIdAsync(id.Value, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == GrantErrors.GrantNotFound)
        {
            FormError = $"{e.Message} Nothing was changed.";
            Response.StatusCode = e.Code.HttpStatus;
            await LoadAsync(email);
            return Page();
        }

        var filter = string.IsNullOrWhiteSpace(email) || email.Length > EmailAddress.MaxLength ? "" : $"&email={Uri.EscapeDataString(email)}";
        return Redirect($"/admin/grants?revoked={id.Value}{filter}");
    }

    public bool Active(GrantView grant) => grant.RevokedAt is null && (grant.ExpiresAt is null || grant.ExpiresAt > Now);

    private async Task LoadAsync(string? email)
    {
        Now = time.GetUtcNow();
        Email = Bounded(email, EmailAddress.MaxLength);
        if (email is { Length: > EmailAddress.MaxLength })
        {
            Errors["email"] = $"An email address has at most {EmailAddress.MaxLength} characters.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        try
        {
            Grants = await grants.ListAsync(Email, PageSize, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == UserErrors.UnknownUser)
        {
            Errors["email"] = "No user has this email.";
        }
        catch (TiergateException e) when (e.Code.HttpStatus is >= 400 and < 500)
        {
            Errors["email"] = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
