namespace Tiergate.Storage.Identity.Links;

/// <summary>One identifier attached to one account: only its keyed hash, never the value.</summary>
public sealed class IdentifierEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Identity.IdentifierKind"/>.</summary>
    public int Kind { get; set; }

    /// <summary><c>KeyRing.BlindIndex(normalised, "identifiers.&lt;kind&gt;")</c>: lowercase hex HMAC-SHA256.</summary>
    public required string Hash { get; set; }

    /// <summary>Where it came from: <c>cli</c>, <c>stripe</c>, <c>console.sign_in</c>, …</summary>
    public required string Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
