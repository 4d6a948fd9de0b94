namespace Tiergate.Core.Identity;

/// <summary>
/// A kind of identifier that can tie accounts to one person. Stored only as a keyed HMAC of its
/// normalised form (see <c>IdentifierNormaliser</c>), never in clear.
/// </summary>
public enum IdentifierKind
{
    /// <summary>The sign-in address, with provider rules (Gmail's dots and <c>+tag</c>) applied.</summary>
    Email,

    /// <summary>A phone number in E.164.</summary>
    Phone,

    /// <summary>An identity document number with its issuing country (<c>CC:NUMBER</c>).</summary>
    Document,

    /// <summary>A payment-card fingerprint as the payment or identity vendor returns it.</summary>
    Payment,

    /// <summary>A device identifier (a console cookie, a vendor's device id).</summary>
    Device,

    /// <summary>The network an address is in: IPv4 /24, IPv6 /48.</summary>
    IpPrefix,

    /// <summary>The autonomous system an address is announced from.</summary>
    Asn,
}
