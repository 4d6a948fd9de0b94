using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Audit;
using Tiergate.Storage.Accounts.Sessions;

namespace Tiergate.Console.Auth;

/// <summary>
/// Checks every signed-in request's session in the database, so that sign-out everywhere and a password
/// reset end sessions at once; the live session is kept on the request for <see cref="StepUp"/>.
/// </summary>
public sealed class SessionValidation : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var handle = context.Principal?.FindFirst(ConsoleAuth.SessionClaim)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var session = handle is null ? null : await store.FindAsync(handle, context.HttpContext.RequestAborted);
        if (session is null || CurrentUser.IdOf(context.Principal) != session.UserId)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAuth.Scheme);
            return;
        }

        context.HttpContext.Items[typeof(SessionView)] = session;
        // The role claim comes from the database on every request (never from the cookie), so [Authorize(Roles = ...)]
        // follows a role change or removal at once.
        var identity = new ClaimsIdentity(context.Principal!.Claims.Where(c => c.Type != ClaimTypes.Role), ConsoleAuth.Scheme);
        identity.AddClaim(new Claim(ClaimTypes.Role, session.Role));
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
    }

    /// <summary>
    /// A signed-in user whose role does not allow a page gets 403 (with the status page), not a redirect; the denial
    /// is audited with the path (never the query or the form).
    /// </summary>
    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var http = context.HttpContext;
        var actor = http.UserId() is { } id ? $"user:{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "anonymous";
        await http.RequestServices.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent("console.access", actor, Cut(http.Request.Path.Value ?? "", 200), "denied", new Dictionary<string, string>
        {
            ["method"] = http.Request.Method,
            ["role"] = http.Role(),
        }), http.RequestAborted);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
