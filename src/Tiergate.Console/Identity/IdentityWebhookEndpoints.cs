using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Console.Identity;

/// <summary>
/// <c>POST /identity/webhooks/stripe</c> and <c>/identity/webhooks/persona</c>: the vendors' signed results. No session and
/// no antiforgery token: the signature over the raw body is the authentication. Bodies are bounded and read raw (the
/// signature covers the exact bytes); answers are JSON, errors OpenAI-shaped with a stable code, never a 500 for a
/// sender's mistake.
/// </summary>
internal static class IdentityWebhookEndpoints
{
    public const string StripePath = "/identity/webhooks/stripe";
    public const string PersonaPath = "/identity/webhooks/persona";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(StripePath, (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, VendorNames.Stripe, "Stripe-Signature")));
        app.MapPost(PersonaPath, (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, VendorNames.Persona, "Persona-Signature")));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, string vendor, string header)
    {
        var webhooks = context.RequestServices.GetRequiredService<VendorWebhooks>();
        try
        {
            if (await ReadBoundedAsync(context) is not { } body)
            {
                var tooLarge = await webhooks.RefuseTooLargeAsync(vendor, context.RequestAborted);
                return Answer(tooLarge);
            }

            var signature = context.Request.Headers[header];
            return Answer(await webhooks.HandleAsync(vendor, body, signature.Count == 1 ? signature[0] : null, context.RequestAborted));
        }
        catch (AuditUnavailableException)
        {
            // Fail closed: nothing is accepted without its audit record; the vendor retries.
            return Error(ErrorCodes.AuditUnavailable, "The audit record could not be written; retry later.");
        }
    }

    /// <summary>Accepted events (and those deliberately left alone: duplicates, final sessions) are 200 so the vendor stops retrying.</summary>
    private static IResult Answer(WebhookAnswer answer) => answer.Error is { } code
        ? answer.Status == StatusCodes.Status200OK
            ? Results.Json(new { received = true, code = code.Name, outcome = answer.Outcome, message = answer.Message }, statusCode: StatusCodes.Status200OK)
            : Error(code, answer.Message ?? code.Summary)
        : Results.Json(new { received = true, outcome = answer.Outcome });

    private static IResult Error(ErrorCode code, string message) =>
        Results.Json(new { error = new { message, type = code.Type, code = code.Name } }, statusCode: code.HttpStatus);

    /// <summary>The raw body, or null when it is over <see cref="VendorWebhooks.MaxBodyBytes"/> (declared or actual).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context)
    {
        if (context.Request.ContentLength > VendorWebhooks.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > VendorWebhooks.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
