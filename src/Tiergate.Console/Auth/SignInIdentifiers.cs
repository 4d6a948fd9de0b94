using System.Globalization;
using System.Security.Cryptography;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Identifiers;
using Microsoft.Extensions.Logging;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Console.Auth;

/// <summary>
/// At each console sign-in, feeds the identifier graph what the sign-in shows about the person: the account's address
/// (provider rules applied: a strong link), and as weak identifiers the network (/24 or /48) it came from, that
/// network's AS when the GeoIP ASN table is loaded, and a device id kept in a long-lived cookie. Only keyed hashes
/// are stored. A value that does not normalise is skipped (logged by kind only): it never stops a sign-in.
/// </summary>
public sealed partial class SignInIdentifiers(IdentifierGraph graph, ILogger<SignInIdentifiers> logger, AsnLookup? asn = null)
{
    public const string DeviceCookie = "tiergate_device";

    /// <summary>As long as browsers keep a cookie (Chromium caps expiry at 400 days).</summary>
    public static readonly TimeSpan DeviceLifetime = TimeSpan.FromDays(400);

    public async Task AttachAsync(HttpContext context, long userId, string email)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = new List<(IdentifierKind, string)> { (IdentifierKind.Email, email) };
        if (context.Connection.RemoteIpAddress is { } address)
        {
            found.Add((IdentifierKind.IpPrefix, NetworkIdentifier.Prefix(address).Split('/')[0]));
            if (asn?.Find(address) is { } number)
            {
                found.Add((IdentifierKind.Asn, number.ToString(CultureInfo.InvariantCulture)));
            }
        }

        found.Add((IdentifierKind.Device, DeviceId(context)));

        // One transaction for all of them; a value that does not normalise is left out, never blocking the sign-in.
        var usable = new List<(IdentifierKind, string)>();
        foreach (var (kind, value) in found)
        {
            try
            {
                IdentifierValues.Normalise(kind, value);
                usable.Add((kind, value));
            }
            catch (TiergateException e) when (e.Code == ErrorCodes.InvalidArgument)
            {
                Skipped(logger, IdentifierNormaliser.NameOf(kind));
            }
        }

        await graph.AttachManyAsync(userId, usable, "console.sign_in", $"user:{userId}", context.RequestAborted);
    }

    /// <summary>The browser's device id: the cookie's when it holds a well-formed one, otherwise a new random one, set now.</summary>
    private static string DeviceId(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(DeviceCookie, out var existing) && existing is { Length: 22 } && existing.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return existing;
        }

        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(DeviceCookie, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = DeviceLifetime,
            IsEssential = true,
        });
        return id;
    }

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Sign-in identifier of kind {Kind} did not normalise; not attached")]
    private static partial void Skipped(ILogger logger, string kind);
}
