namespace Tiergate.Storage.Vetting;

/// <summary>An identity check an operator or admin recorded: the level it established, how, and on what evidence.</summary>
public sealed class IdentityCheckEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>An <see cref="Tiergate.Core.Policy.IdentityLevel"/>.</summary>
    public int Level { get; set; }

    /// <summary>How it was checked (<c>operator</c>, <c>document</c>, <c>institution</c>, …).</summary>
    public required string Method { get; set; }

    /// <summary>What the checker saw; encrypted at rest.</summary>
    public required string Evidence { get; set; }

    /// <summary>The actor who recorded it (<c>cli:alice</c>, <c>user:7</c>).</summary>
    public required string RecordedBy { get; set; }

    public DateTimeOffset At { get; set; }
}
