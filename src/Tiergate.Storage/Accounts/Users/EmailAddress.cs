using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>Emails are compared lowercased and trimmed, so that case variants cannot create a second account.</summary>
public static class EmailAddress
{
    public static string Normalise(string email)
    {
        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length > 320 || at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1 ||
            !trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, $"'{email}' is not an email address.");
        }

        return trimmed;
    }
}
