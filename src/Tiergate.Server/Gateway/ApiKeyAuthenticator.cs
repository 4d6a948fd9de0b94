using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Access;

namespace Tiergate.Server.Gateway;

/// <summary>Turns <c>Authorization: Bearer tg_...</c> into a caller, checking the key's HMAC in constant time.</summary>
public sealed class ApiKeyAuthenticator(ICallerStore store, ApiKeyHasher hasher)
{
    // Compared against when the key id is unknown, so that unknown and wrong keys take the same time.
    private static readonly byte[] DecoyHash = new byte[32];

    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Fail(ErrorCodes.MissingApiKey, "Send your Tiergate API key as 'Authorization: Bearer tg_...'.", null);
        }

        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (!ApiKeyFormat.TryParse(key, out var id))
        {
            return Fail(ErrorCodes.InvalidApiKey, "The API key is not valid.", null);
        }

        var found = await store.FindAsync(id, context.Connection.RemoteIpAddress, context.RequestAborted);
        var matches = hasher.Verify(key, found?.Hash ?? DecoyHash);
        if (found is not { } row || !matches)
        {
            return Fail(ErrorCodes.InvalidApiKey, "The API key is not valid.", found is null ? null : id);
        }

        return new AuthenticationResult(row.Caller, null, null, id);
    }

    private static AuthenticationResult Fail(ErrorCode code, string message, string? keyId) => new(null, code, message, keyId);
}
