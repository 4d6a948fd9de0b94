using Fido2NetLib;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// Who the passkeys belong to: the relying-party id is the host of the console's public URL and the only
/// origin accepted is that URL's origin (scheme, host, port), so an answer made for another site is refused.
/// </summary>
public sealed record PasskeyRelyingParty(string RpId, string Origin)
{
    public const string Name = "Tiergate";

    public static PasskeyRelyingParty From(Uri publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return new PasskeyRelyingParty(publicBaseUrl.IdnHost, publicBaseUrl.GetLeftPart(UriPartial.Authority));
    }

    internal Fido2 Fido2() => new(new Fido2Configuration
    {
        RPID = RpId,
        RPName = Name,
        Origins = new HashSet<string>([Origin], StringComparer.Ordinal),
        Timeout = (uint)PasskeyCeremonies.Lifetime.TotalMilliseconds,
    }, metadataService: null);
}
