namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>A credential held by a <see cref="VirtualAuthenticator"/>; ids in base64url, as pages and servers see them.</summary>
public sealed record VirtualCredential(string CredentialId, bool IsResidentCredential, string? RpId, long SignCount, string? UserHandle);
