using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Console.Pages.Admin;

/// <summary><c>/admin/users</c>: the newest users, or the one with an exact email (emails are stored encrypted); admins only, audited.</summary>
[Authorize(Roles = ConsoleRoles.Admins)]
public sealed class AdminUsersModel(IUserAdministration users) : ConsolePage
{
    public const int PageSize = 100;

    public string? Email { get; private set; }

    public IReadOnlyList<UserView> Users { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "email")] string? email)
    {
        Email = Bounded(email, EmailAddress.MaxLength);
        if (email is { Length: > EmailAddress.MaxLength })
        {
            Errors["email"] = $"An email address has at most {EmailAddress.MaxLength} characters.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Users = await users.SearchAsync(Email, PageSize, HttpContext.Actor(), HttpContext.RequestAborted);
    }
}
