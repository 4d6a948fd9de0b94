namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>What an assertion is verified against: the owner, the public key and the last counter.</summary>
public sealed record StoredPasskey(long Id, long UserId, byte[] PublicKey, long SignCount);
