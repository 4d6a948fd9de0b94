namespace Tiergate.Storage.Identity.Links;

/// <summary>A strong identifier of a banned account: it cannot be attached (or verified) again.</summary>
public sealed class IdentifierBanEntity
{
    public long Id { get; set; }

    public int Kind { get; set; }

    public required string Hash { get; set; }

    /// <summary>The banned account it was taken from.</summary>
    public long UserId { get; set; }

    public DateTimeOffset At { get; set; }
}
