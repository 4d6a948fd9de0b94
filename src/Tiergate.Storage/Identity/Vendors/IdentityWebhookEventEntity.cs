namespace Tiergate.Storage.Identity.Vendors;

/// <summary>A vendor webhook event already processed; its (vendor, event id) is unique, so a replay or a retry is processed once.</summary>
public sealed class IdentityWebhookEventEntity
{
    public long Id { get; set; }

    /// <summary><c>stripe</c> or <c>persona</c>.</summary>
    public required string Vendor { get; set; }

    /// <summary>The vendor's event id (<c>evt_…</c>).</summary>
    public required string EventId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
