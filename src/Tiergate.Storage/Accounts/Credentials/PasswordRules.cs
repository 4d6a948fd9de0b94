namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>
/// NIST SP 800-63B's rules for a memorised secret: at least 8 characters, long ones allowed (up to
/// <see cref="MaxLength"/>, a bound that keeps hashing cheap for the server), no composition rules,
/// refused when it is the account's own email or a well-known password.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "12345678", "123456789", "1234567890", "qwertyuiop", "iloveyou", "11111111",
        "abc12345", "passw0rd", "letmein1", "welcome1", "00000000", "87654321", "qwerty123", "tiergate",
    };

    /// <summary>Null when acceptable, else the reason shown next to the field.</summary>
    public static string? Problem(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Enter a password.";
        }

        if (password.Length > MaxLength)
        {
            return $"Use at most {MaxLength} characters.";
        }

        var runes = 0;
        foreach (var _ in password.EnumerateRunes())
        {
            runes++;
        }

        if (runes < MinLength)
        {
            return $"Use at least {MinLength} characters.";
        }

        if (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "Do not use your email address as your password.";
        }

        return Common.Contains(password) ? "This password is too common; choose another." : null;
    }
}
