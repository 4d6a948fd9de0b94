using OtpNet;

namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>RFC 6238 TOTP as authenticator apps use it: HMAC-SHA1, 6 digits, 30-second steps, one step of clock skew either way.</summary>
public static class TotpAlgorithm
{
    public const int StepSeconds = 30;
    public const int Digits = 6;
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    /// <summary>The time step a code belongs to, within one step of <paramref name="now"/>; null when it matches none.</summary>
    public static long? MatchStep(byte[] secret, string code, DateTimeOffset now, OtpHashMode mode = OtpHashMode.Sha1, int digits = Digits)
    {
        if (code.Length != digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(secret, StepSeconds, mode, digits);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>The code for <paramref name="at"/> (tests and the RFC's vectors).</summary>
    public static string Compute(byte[] secret, DateTimeOffset at, OtpHashMode mode = OtpHashMode.Sha1, int digits = Digits) =>
        new Totp(secret, StepSeconds, mode, digits).ComputeTotp(at.UtcDateTime);

    /// <summary>The <c>otpauth://</c> URI authenticator apps import (Key Uri Format).</summary>
    public static string Uri(byte[] secret, string issuer, string account)
    {
        var label = System.Uri.EscapeDataString(issuer) + ":" + System.Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={Base32(secret)}&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }
}
