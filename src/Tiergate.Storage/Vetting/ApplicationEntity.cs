namespace Tiergate.Storage.Vetting;

/// <summary>A person's application for a tier, with the policy version they accepted.</summary>
public sealed class ApplicationEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public required string Tier { get; set; }

    /// <summary>Comma-separated indexes into the tier policy's <c>permitted</c> list that the applicant ticked.</summary>
    public string PermittedUses { get; set; } = "";

    /// <summary>The intended use in the applicant's words; encrypted at rest.</summary>
    public required string UseCase { get; set; }

    /// <summary>Encrypted at rest.</summary>
    public string? Affiliation { get; set; }

    /// <summary>Supporting http(s) links, newline-separated; encrypted at rest.</summary>
    public string Links { get; set; } = "";

    public required string PolicyId { get; set; }

    public required string PolicyVersion { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Vetting.ApplicationStatus"/>.</summary>
    public int Status { get; set; }

    /// <summary>1 when submitted, +1 at each resubmission after a request for information.</summary>
    public int Round { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The grant its approval created.</summary>
    public long? GrantId { get; set; }
}
