using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Notifications;

namespace Tiergate.Storage.Accounts.Grants;

/// <summary>
/// Tells each holder, once, that a grant expires within <see cref="Lead"/>, with a link to apply again (renewal
/// goes through review). Safe with several servers on one database: a grant is claimed by setting its
/// <c>ReminderSentAt</c> only where it is still null, and only the claimant sends; a failed send releases the claim.
/// </summary>
public sealed class GrantExpiryReminders(TiergateDatabase database, IUserNotifier notifier, IAuditLog audit, TimeProvider time)
{
    /// <summary>The lead time: the holder hears 14 days ahead.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromDays(14);

    /// <summary>Sends every reminder now due; returns how many were sent.</summary>
    /// <param name="consoleUrl">The console's public base; the message links to <c>/applications/new?tier=…</c>.</param>
    public async Task<int> SendDueAsync(Uri consoleUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consoleUrl);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        // Time comparisons run here, not in SQL: SQLite stores DateTimeOffset as text (as GrantAdministration does).
        var live = (await (from g in db.Grants.AsNoTracking()
                           join u in db.Users.AsNoTracking() on g.UserId equals u.Id
                           where g.RevokedAt == null
                           select new { Grant = g, u.Email }).ToListAsync(cancellationToken))
            .Where(x => x.Grant.ExpiresAt is null || x.Grant.ExpiresAt > now)
            .ToList();
        var due = live
            .Where(x => x.Grant.ReminderSentAt is null && x.Grant.ExpiresAt is { } at && at - now <= Lead)
            // A renewal already granted (a later or open-ended grant of the same tier) makes the reminder moot.
            .Where(x => !live.Any(o => o.Grant.UserId == x.Grant.UserId && o.Grant.Tier == x.Grant.Tier && o.Grant.Id != x.Grant.Id
                                       && (o.Grant.ExpiresAt is null || o.Grant.ExpiresAt > x.Grant.ExpiresAt)))
            .ToList();

        var sent = 0;
        foreach (var item in due)
        {
            var grant = item.Grant;
            var claimed = await db.Grants.Where(g => g.Id == grant.Id && g.ReminderSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.ReminderSentAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await notifier.SendAsync(Message(item.Email, grant.Tier, grant.ExpiresAt!.Value, consoleUrl), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Released, so the next pass tries again; the error's type only (no address in logs or audit).
                await db.Grants.Where(g => g.Id == grant.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.ReminderSentAt, (DateTimeOffset?)null), CancellationToken.None);
                await audit.AppendAsync(new AuditEvent("grant.expiry_reminder", "system", $"user:{grant.UserId}", "failed", Details(grant, e.GetType().Name)), CancellationToken.None);
                continue;
            }

            await audit.AppendAsync(new AuditEvent("grant.expiry_reminder", "system", $"user:{grant.UserId}", "ok", Details(grant, null)), cancellationToken);
            sent++;
        }

        return sent;
    }

    private static UserMessage Message(string email, string tier, DateTimeOffset expiresAt, Uri consoleUrl)
    {
        var link = new Uri(consoleUrl, $"/applications/new?tier={Uri.EscapeDataString(tier)}");
        var day = expiresAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new UserMessage(email, $"Tiergate: your access to '{tier}' expires on {day}",
            $"Your grant of the tier '{tier}' expires on {day} (UTC). To keep access, apply again; a renewal is reviewed like a first application.\n",
            "grant.expiry_reminder", link);
    }

    private static Dictionary<string, string> Details(Entities.GrantEntity grant, string? error)
    {
        var details = new Dictionary<string, string>
        {
            ["grant"] = grant.Id.ToString(CultureInfo.InvariantCulture),
            ["tier"] = grant.Tier,
            ["expires_at"] = grant.ExpiresAt?.ToString("O") ?? "never",
        };
        if (error is not null)
        {
            details["error"] = error;
        }

        return details;
    }
}
