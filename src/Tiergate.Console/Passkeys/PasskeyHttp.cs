using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Errors;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// What every passkey JSON endpoint does first and last: the antiforgery header token, a bounded JSON body,
/// the ceremony cookie, and errors as <c>{"error":{"message","type","code"}}</c> with the code's status.
/// </summary>
internal static class PasskeyHttp
{
    /// <summary>A WebAuthn answer is a few kilobytes; anything much larger is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IResult Error(ErrorCode code, string message) =>
        Results.Json(new { error = new { message, type = code.Type, code = code.Name } }, statusCode: code.HttpStatus);

    /// <summary>Null when the request carries a valid antiforgery token in its header; otherwise the refusal.</summary>
    public static async Task<IResult?> CheckForgeryAsync(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Error(Storage.Accounts.Mfa.PasskeyErrors.Forgery, "Reload the page and try again: the request's antiforgery token is missing or wrong.");
        }
    }

    /// <summary>The body as JSON (an object), or null when it is not JSON, not an object, or too large.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A member of the body as <typeparamref name="T"/> (Fido2's models read base64url themselves); null when absent or malformed.</summary>
    public static T? Member<T>(JsonElement body, string name)
        where T : class
    {
        if (!body.TryGetProperty(name, out var member) || member.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return member.Deserialize<T>();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    public static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    public static void SetCeremonyCookie(HttpContext context, string handle) =>
        context.Response.Cookies.Append(PasskeyCeremonies.Cookie, handle, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = PasskeyCeremonies.Lifetime,
        });

    /// <summary>The ceremony this browser opened, taken so that it cannot be answered twice; the cookie is cleared.</summary>
    public static PasskeyCeremony? TakeCeremony(HttpContext context)
    {
        var handle = context.Request.Cookies[PasskeyCeremonies.Cookie];
        context.Response.Cookies.Delete(PasskeyCeremonies.Cookie, new CookieOptions { Path = "/", Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
        return context.RequestServices.GetRequiredService<PasskeyCeremonies>().Take(handle);
    }

    /// <summary>A name for a passkey as typed: trimmed, 1 to 60 characters, no control characters; null when not acceptable.</summary>
    public static string? CleanName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Storage.Accounts.Mfa.PasskeyStore.MaxNameLength || trimmed.Any(char.IsControl))
        {
            return null;
        }

        return trimmed.Normalize(NormalizationForm.FormC);
    }
}
