using Microsoft.AspNetCore.Authentication;
using Tiergate.Core.Audit;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Sessions;
using Tiergate.Storage.Responses;

namespace Tiergate.Console.Auth;

/// <summary>
/// Starts and ends signed-in sessions: the database row and the cookie that names it, audited. A sign-in or step-up
/// with a second factor also satisfies the user's active <c>require-reauth</c> monitoring responses, and each sign-in
/// feeds the identifier graph (<see cref="SignInIdentifiers"/>).
/// </summary>
public sealed class SessionSignIn(SessionStore sessions, IAuditLog audit, ResponseStore responses, SignInIdentifiers identifiers)
{
    public async Task StartAsync(HttpContext context, long userId, string email, bool secondFactor, string method)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.Connection.RemoteIpAddress?.ToString();
        var handle = await sessions.CreateAsync(userId, secondFactor, context.Request.Headers.UserAgent.ToString(), source, context.RequestAborted);
        await context.SignInAsync(ConsoleAuth.Scheme, CurrentUser.Principal(ConsoleAuth.Scheme, userId, email, handle), new AuthenticationProperties { IsPersistent = false });
        await audit.AppendAsync(new AuditEvent("account.sign_in", ConsoleAccounts.Actor, $"user:{userId}", "ok", new Dictionary<string, string>
        {
            ["method"] = method,
            ["source"] = source ?? "unknown",
        }), context.RequestAborted);
        if (secondFactor)
        {
            await responses.ReauthenticatedAsync(userId, method, context.RequestAborted);
        }

        await identifiers.AttachAsync(context, userId, email);
    }

    /// <summary>This session proved a second factor again (<c>/step-up</c>, a passkey): marks it, and the user's keys work again if a response paused them.</summary>
    public async Task SecondFactorProvedAsync(HttpContext context, long userId, string method)
    {
        ArgumentNullException.ThrowIfNull(context);
        await sessions.MarkSecondFactorAsync(context.SessionHandle()!, context.RequestAborted);
        await responses.ReauthenticatedAsync(userId, method, context.RequestAborted);
    }

    public async Task EndAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SessionHandle() is { } handle)
        {
            await sessions.RevokeAsync(handle, context.RequestAborted);
            if (context.UserId() is { } userId)
            {
                await audit.AppendAsync(new AuditEvent("account.sign_out", $"user:{userId}", $"user:{userId}", "ok"), context.RequestAborted);
            }
        }

        await context.SignOutAsync(ConsoleAuth.Scheme);
    }
}
