using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Core.Identity.Vendors;

/// <summary>
/// The signature scheme Stripe (<c>Stripe-Signature</c>) and Persona (<c>Persona-Signature</c>) put on their webhooks:
/// <c>t=UNIX_SECONDS,v1=HEX</c>, where v1 is HMAC-SHA256 over <c>"{t}.{raw body}"</c> keyed with the endpoint's secret.
/// Stripe may list several <c>v1</c> (secret rolled); Persona sends several space-separated <c>t=…,v1=…</c> groups during
/// a secret rotation. Any one matching <c>v1</c> is enough; other schemes (<c>v0</c>) are ignored so none can downgrade it.
/// </summary>
public static class WebhookSignature
{
    /// <summary>How far the signed time may be from now (both vendors' libraries use 300 s).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>Longer headers are refused unread (a real one is well under 1 KiB).</summary>
    public const int MaxHeaderLength = 4096;

    public static WebhookSignatureCheck Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookSignatureCheck.Missing;
        }

        if (header.Length > MaxHeaderLength || Groups(header) is not { Count: > 0 } groups)
        {
            return WebhookSignatureCheck.Malformed;
        }

        var key = Encoding.UTF8.GetBytes(secret);
        long? signedAt = null;
        foreach (var (timestamp, signatures) in groups)
        {
            var expected = Compute(key, timestamp, body);
            // Every candidate is compared in constant time, and all of them, so timing says nothing about which matched.
            var matched = false;
            foreach (var candidate in signatures)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }

            if (matched)
            {
                signedAt = timestamp;
                break;
            }
        }

        if (signedAt is not { } t)
        {
            return WebhookSignatureCheck.Mismatch;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(t);
        return age > tolerance || age < -tolerance ? WebhookSignatureCheck.Stale : WebhookSignatureCheck.Valid;
    }

    /// <summary>The header a vendor would send for this body (the fake vendor in tests signs with it).</summary>
    public static string Header(long timestamp, ReadOnlySpan<byte> body, string secret) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(Encoding.UTF8.GetBytes(secret), timestamp, body))}";

    private static byte[] Compute(byte[] key, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    /// <summary>Each space-separated group's timestamp and v1 signatures; null when any part does not parse.</summary>
    private static List<(long Timestamp, List<byte[]> Signatures)>? Groups(string header)
    {
        var groups = new List<(long, List<byte[]>)>();
        foreach (var group in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            long? timestamp = null;
            var signatures = new List<byte[]>();
            foreach (var part in group.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return null;
                }

                var (name, value) = (part[..eq], part[(eq + 1)..]);
                if (name == "t")
                {
                    if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > 253402300799)
                    {
                        return null;
                    }

                    timestamp = t;
                }
                else if (name == "v1")
                {
                    if (value.Length != 64 || !IsHex(value) || signatures.Count >= 8)
                    {
                        return null;
                    }

                    signatures.Add(Convert.FromHexString(value));
                }
            }

            if (timestamp is null || signatures.Count == 0)
            {
                return null;
            }

            groups.Add((timestamp.Value, signatures));
            if (groups.Count > 4)
            {
                return null;
            }
        }

        return groups;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
