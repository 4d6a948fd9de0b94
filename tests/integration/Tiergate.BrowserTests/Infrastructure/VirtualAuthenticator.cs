using System.Text.Json;
using Microsoft.Playwright;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// A platform passkey authenticator (CTAP2, internal transport, resident keys, user verification) that
/// Chromium simulates through the DevTools protocol's WebAuthn domain. It belongs to the page it was
/// attached to (navigations on that page keep it; another page or context does not see it).
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _session;

    private VirtualAuthenticator(ICDPSession session, string id)
    {
        _session = session;
        Id = id;
    }

    public string Id { get; }

    /// <param name="userVerified">Whether the simulated user passes verification (fingerprint, PIN) when asked.</param>
    public static async Task<VirtualAuthenticator> AttachAsync(IPage page, bool userVerified = true)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable", new() { ["enableUI"] = false });
        var added = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new()
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = userVerified,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(session, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The credentials the authenticator holds now (sign counts included).</summary>
    public async Task<IReadOnlyList<VirtualCredential>> CredentialsAsync()
    {
        var answer = await _session.SendAsync("WebAuthn.getCredentials", new() { ["authenticatorId"] = Id });
        return [.. answer!.Value.GetProperty("credentials").EnumerateArray().Select(Read)];
    }

    /// <summary>From now on the simulated user passes (or fails) verification.</summary>
    public Task SetUserVerifiedAsync(bool verified) =>
        _session.SendAsync("WebAuthn.setUserVerified", new() { ["authenticatorId"] = Id, ["isUserVerified"] = verified });

    public Task RemoveAsync() =>
        _session.SendAsync("WebAuthn.removeVirtualAuthenticator", new() { ["authenticatorId"] = Id });

    private static VirtualCredential Read(JsonElement c) => new(
        // The protocol gives the id in standard base64; pages and servers speak base64url.
        Base64Url(c.GetProperty("credentialId").GetString()!),
        c.GetProperty("isResidentCredential").GetBoolean(),
        c.TryGetProperty("rpId", out var rp) ? rp.GetString() : null,
        c.GetProperty("signCount").GetInt64(),
        c.TryGetProperty("userHandle", out var user) ? Base64Url(user.GetString()!) : null);

    private static string Base64Url(string base64) => base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
