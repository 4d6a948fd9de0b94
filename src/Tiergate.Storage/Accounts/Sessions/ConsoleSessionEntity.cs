namespace Tiergate.Storage.Accounts.Sessions;

/// <summary>
/// One signed-in browser. The cookie holds a random handle; the database holds only its SHA-256, so a
/// copy of the database cannot sign anyone in, and deleting or revoking the row ends the session at once.
/// </summary>
public sealed class ConsoleSessionEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>Hex SHA-256 of the cookie's handle.</summary>
    public required string HandleHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When a second factor was last proved in this session (sign-in or step-up); null if never.</summary>
    public DateTimeOffset? SecondFactorAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The browser's User-Agent, cut to 200 characters: for the user's own session list.</summary>
    public string UserAgent { get; set; } = "";

    public string Address { get; set; } = "";
}
