namespace Tiergate.Bench.Identity.Storage;

/// <summary>A <c>users</c> row as the bulk insert writes it (email already encrypted, instant in its stored form).</summary>
internal sealed record UserRow(long Id, string EncryptedEmail, string EmailIndex, int IdentityLevel, long CreatedAt);
