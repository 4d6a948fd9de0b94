using System.Globalization;
using System.Net;

namespace Tiergate.Core.Access;

/// <summary>
/// Parses an IP allowlist entry the way a reader of it would: IPv4 only as four decimal octets (no
/// octal <c>010</c>, hex <c>0x7f</c> or bare numbers, which <see cref="IPAddress.Parse(string)"/> accepts),
/// no host bits after the prefix (<c>10.0.0.1/8</c> is ambiguous), and never a block that matches every
/// address (<c>0.0.0.0/0</c>, <c>::/0</c>), which would satisfy an allowlist requirement while allowing all.
/// A bare address is one host.
/// </summary>
public static class StrictNetwork
{
    public static bool TryParse(string text, out IPNetwork network, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(address, out var ip))
        {
            problem = "is not an IPv4 address in four decimal octets or an IPv6 address";
            return false;
        }

        var maxPrefix = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && !TryParsePrefix(text[(slash + 1)..], maxPrefix, out prefix))
        {
            problem = $"has no prefix length from 1 to {maxPrefix} after the '/'";
            return false;
        }

        if (prefix == 0)
        {
            problem = "matches every address, which is no allowlist";
            return false;
        }

        network = new IPNetwork(Masked(ip, prefix), prefix);
        if (!network.BaseAddress.Equals(ip))
        {
            problem = $"has bits set after the /{prefix} prefix: write {network} for the block, or {ip} for one address";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>True when an allowlist restricts anything: empty, or holding a block that matches every address (stored before this check), it does not.</summary>
    public static bool Restricts(IReadOnlyList<IPNetwork> allowlist)
    {
        ArgumentNullException.ThrowIfNull(allowlist);
        return allowlist.Count > 0 && allowlist.All(n => n.PrefixLength > 0);
    }

    private static bool TryParseAddress(string text, out IPAddress ip)
    {
        ip = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            // IPv6 has no octal or short forms to misread; a zone (%eth0) means nothing in an allowlist.
            return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out ip!) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        var octets = text.Split('.');
        if (octets.Length != 4 || !octets.All(IsDecimalOctet))
        {
            return false;
        }

        ip = IPAddress.Parse(text);
        return true;
    }

    private static bool IsDecimalOctet(string octet) =>
        octet.Length is >= 1 and <= 3 && octet.All(char.IsAsciiDigit) && (octet.Length == 1 || octet[0] != '0')
        && int.Parse(octet, CultureInfo.InvariantCulture) <= 255;

    private static bool TryParsePrefix(string text, int max, out int prefix)
    {
        prefix = 0;
        return text.Length is >= 1 and <= 3 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= max;
    }

    private static IPAddress Masked(IPAddress ip, int prefix)
    {
        var bytes = ip.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
