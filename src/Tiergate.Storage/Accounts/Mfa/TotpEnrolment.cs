namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>A TOTP secret as shown to its owner once: base32 text and the <c>otpauth://</c> URI.</summary>
public sealed record TotpEnrolment(string Secret, string OtpAuthUri);
