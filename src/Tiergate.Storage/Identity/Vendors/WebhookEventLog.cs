using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>The processed vendor events (<c>identity_webhook_events</c>): the unique index decides which of two concurrent deliveries runs.</summary>
public sealed class WebhookEventLog(TiergateDatabase database, TimeProvider time)
{
    /// <summary>Marks the event as being processed; false when it already was (a duplicate).</summary>
    public async Task<bool> TryClaimAsync(string vendor, string eventId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        db.Set<IdentityWebhookEventEntity>().Add(new IdentityWebhookEventEntity { Vendor = vendor, EventId = eventId, ReceivedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await ExistsAsync(vendor, eventId, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Forgets a claim whose processing failed, so the vendor's retry is processed.</summary>
    public async Task ReleaseAsync(string vendor, string eventId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await db.Set<IdentityWebhookEventEntity>().Where(e => e.Vendor == vendor && e.EventId == eventId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<bool> ExistsAsync(string vendor, string eventId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Set<IdentityWebhookEventEntity>().AnyAsync(e => e.Vendor == vendor && e.EventId == eventId, cancellationToken);
    }
}
