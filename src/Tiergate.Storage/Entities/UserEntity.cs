namespace Tiergate.Storage.Entities;

public sealed class UserEntity
{
    public long Id { get; set; }

    /// <summary>Lowercased, trimmed; unique.</summary>
    public required string Email { get; set; }

    public string? Name { get; set; }

    public string? Organisation { get; set; }

    public int IdentityLevel { get; set; }

    public bool MfaEnrolled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}
