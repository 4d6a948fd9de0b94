using System.Buffers.Binary;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// The WebAuthn user handle of an account: its id as 8 big-endian bytes (no email or name, as the spec asks).
/// A discoverable sign-in returns it, and it must name the owner of the credential used.
/// </summary>
public static class PasskeyUserHandle
{
    public static byte[] Of(long userId)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, userId);
        return bytes;
    }

    public static bool Names(byte[]? handle, long userId) =>
        handle is { Length: 8 } && BinaryPrimitives.ReadInt64BigEndian(handle) == userId;
}
