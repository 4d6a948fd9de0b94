namespace Tiergate.Storage.Accounts.Users;

/// <summary>One recorded identity check, as an admin sees it (the evidence is decrypted for the admin only).</summary>
public sealed record IdentityCheckView(long Id, string Level, string Method, string Evidence, string RecordedBy, DateTimeOffset At);
