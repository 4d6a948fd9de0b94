namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>A credential the relying party has verified at registration, ready to store.</summary>
public sealed record NewPasskey(byte[] CredentialId, byte[] PublicKey, long SignCount, string Transports, Guid AaGuid, string Name);
