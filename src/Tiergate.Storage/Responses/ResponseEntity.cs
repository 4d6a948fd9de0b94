namespace Tiergate.Storage.Responses;

/// <summary>
/// One graduated response to an alert (throttle, require re-authentication, fallback variant, suspend key or
/// grant, notify): pending a reviewer's confirmation, active, or reversed. The gateway enforces active ones.
/// </summary>
public sealed class ResponseEntity
{
    public long Id { get; set; }

    public long? AlertId { get; set; }

    public required string Detector { get; set; }

    /// <summary>The policy's name: <c>notify</c>, <c>throttle</c>, <c>require-reauth</c>, <c>fallback</c>, <c>suspend-key</c>, <c>suspend-grant</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Taken at once (true) or pending a reviewer's confirmation.</summary>
    public bool Automatic { get; set; }

    public long UserId { get; set; }

    public string? KeyId { get; set; }

    public required string Tier { get; set; }

    /// <summary><c>pending</c>, <c>active</c>, <c>reversed</c>, <c>declined</c>, <c>done</c> (notify, re-authentication satisfied).</summary>
    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecidedReason { get; set; }
}
