using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// The network an address is in (IPv4 /24, IPv6 /48; an IPv4-mapped IPv6 address counts as its IPv4 address) and
/// the autonomous system it is announced from (<c>AS64500</c> or <c>64500</c>, written <c>AS64500</c>).
/// Only full literal addresses are accepted: the shorthand forms the platform parser also takes (<c>10</c>,
/// <c>10.1</c>, octal <c>010.0.0.1</c>) and zone ids are refused.
/// </summary>
public static class NetworkIdentifier
{
    private const int MaxAddressLength = 64;

    public static string Prefix(string? value)
    {
        var text = IdentifierText.Clean(value, "The IP address", MaxAddressLength);
        return Prefix(Parse(text));
    }

    /// <summary>The prefix of an address already parsed (a connection's remote address).</summary>
    public static string Prefix(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return new IPAddress(bytes) + "/24";
        }

        Array.Clear(bytes, 6, bytes.Length - 6);
        return new IPAddress(bytes) + "/48";
    }

    public static string Asn(string? value)
    {
        var text = IdentifierText.Clean(value, "The AS number", 16);
        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length is 0 or > 10 || !digits.All(char.IsAsciiDigit)
            || !uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
        {
            throw IdentifierText.Invalid("The AS number must be written AS64500 or 64500 (1 to 4294967295).");
        }

        return "AS" + number.ToString(CultureInfo.InvariantCulture);
    }

    private static IPAddress Parse(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (!text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return v6;
            }
        }
        else if (IsDottedQuad(text) && IPAddress.TryParse(text, out var v4))
        {
            return v4;
        }

        throw IdentifierText.Invalid("The IP address is not a literal IPv4 (a.b.c.d) or IPv6 address.");
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
