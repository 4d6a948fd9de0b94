namespace Tiergate.Console.Passkeys;

/// <summary>
/// One open ceremony: the options sent to the browser (their challenge above all), whom it is for, and until when.
/// </summary>
/// <param name="UserId">The signed-in or pending user it was opened for; null for a sign-in that names nobody yet.</param>
/// <param name="Session">The session handle it was opened in (register, step-up); null otherwise.</param>
/// <param name="OptionsJson">The creation or assertion options as sent, JSON (Fido2's own format).</param>
public sealed record PasskeyCeremony(PasskeyPurpose Purpose, long? UserId, string? Session, string OptionsJson, DateTimeOffset ExpiresAt);
