using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tiergate.Monitoring.Places;

/// <summary>An address as an unsigned number, so ranges can be sorted and searched (IPv4 in the low 32 bits).</summary>
internal static class AddressKey
{
    public static UInt128 Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>IPv4-mapped IPv6 (::ffff:a.b.c.d) is looked up as the IPv4 address it carries.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
