using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Tiergate.Storage.Accounts.Sessions;

namespace Tiergate.Console.Auth;

/// <summary>Who is signed in: the user id and the live session, as later pages read them.</summary>
public static class CurrentUser
{
    /// <summary>The signed-in user's id (<c>users.id</c>); null when nobody is signed in.</summary>
    public static long? UserId(this HttpContext context) =>
        context.User.Identity?.AuthenticationType == ConsoleAuth.Scheme && context.Items[typeof(SessionView)] is SessionView s ? s.UserId : null;

    /// <summary>The signed-in user's id, for pages that require sign-in (their [Authorize] guarantees it).</summary>
    public static long RequiredUserId(this HttpContext context) =>
        context.UserId() ?? throw new InvalidOperationException("This page requires a signed-in user; mark it [Authorize].");

    /// <summary>The live session (checked against the database on this request); null when signed out.</summary>
    public static SessionView? Session(this HttpContext context) => context.Items[typeof(SessionView)] as SessionView;

    /// <summary>The session handle in the cookie (for step-up and sign-out).</summary>
    public static string? SessionHandle(this HttpContext context) => context.User.FindFirst(ConsoleAuth.SessionClaim)?.Value;

    /// <summary>The audit actor for what the signed-in user does in the console: <c>user:&lt;id&gt;</c>.</summary>
    public static string Actor(this HttpContext context) => $"user:{context.RequiredUserId().ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The signed-in user's role now (from the database on this request); empty when signed out.</summary>
    public static string Role(this HttpContext context) => context.Session()?.Role ?? "";

    public static string Email(this HttpContext context) => context.User.FindFirst(ClaimTypes.Email)?.Value ?? "";

    internal static long? IdOf(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    internal static ClaimsPrincipal Principal(string scheme, long userId, string email, string? sessionHandle)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, email),
        };
        if (sessionHandle is not null)
        {
            claims.Add(new Claim(ConsoleAuth.SessionClaim, sessionHandle));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
