using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// The open WebAuthn ceremonies, server-side: each is named by a random handle kept in an HttpOnly, SameSite=Strict
/// cookie of the browser that opened it, lives five minutes and is taken (removed) by the first answer, right or
/// wrong, so a challenge is answered at most once. In process, like <see cref="Auth.SignInThrottle"/>: with several
/// server instances a ceremony must finish on the instance that opened it (sticky sessions), or it is refused.
/// </summary>
public sealed class PasskeyCeremonies(TimeProvider time)
{
    public const string Cookie = "tiergate_webauthn";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>More open ceremonies than this (expired ones pruned first) and new ones are refused, so memory stays bounded.</summary>
    public const int MaxOpen = 10_000;

    private readonly ConcurrentDictionary<string, PasskeyCeremony> _open = new(StringComparer.Ordinal);

    public DateTimeOffset NewExpiry() => time.GetUtcNow() + Lifetime;

    /// <summary>Opens a ceremony and returns its handle; null when too many are open.</summary>
    public string? Open(PasskeyCeremony ceremony)
    {
        if (_open.Count >= MaxOpen)
        {
            var now = time.GetUtcNow();
            foreach (var (key, value) in _open)
            {
                if (value.ExpiresAt <= now)
                {
                    _open.TryRemove(key, out _);
                }
            }

            if (_open.Count >= MaxOpen)
            {
                return null;
            }
        }

        var handle = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        _open[handle] = ceremony;
        return handle;
    }

    /// <summary>Takes the ceremony named by <paramref name="handle"/> (it cannot be taken twice); null when none, or expired.</summary>
    public PasskeyCeremony? Take(string? handle)
    {
        if (handle is not { Length: > 0 and <= 64 } || !_open.TryRemove(handle, out var ceremony))
        {
            return null;
        }

        return ceremony.ExpiresAt > time.GetUtcNow() ? ceremony : null;
    }
}
