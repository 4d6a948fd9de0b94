using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Vetting;

namespace Tiergate.Storage.Identity.Links;

/// <summary>The application flags an account's cluster raises: two indexed look-ups by cluster.</summary>
internal static class ClusterFlags
{
    public const string LinkedAccountBanned = "linked_account_banned";
    public const string LinkedAccountDenied = "linked_account_denied";

    public static async Task<IReadOnlyList<string>> ForAsync(TiergateDbContext db, long userId, CancellationToken cancellationToken)
    {
        var clusters = db.Set<ClusterEntity>().AsNoTracking();
        var cluster = await clusters.Where(c => c.UserId == userId).Select(c => (long?)c.ClusterId).FirstOrDefaultAsync(cancellationToken);
        if (cluster is not { } label)
        {
            return [];
        }

        var others = clusters.Where(c => c.ClusterId == label && c.UserId != userId).Select(c => c.UserId);
        var flags = new List<string>(2);
        if (await db.Set<UserBanEntity>().AnyAsync(b => others.Contains(b.UserId), cancellationToken))
        {
            flags.Add(LinkedAccountBanned);
        }

        if (await db.Set<ApplicationEntity>().AnyAsync(a => others.Contains(a.UserId) && a.Status == (int)ApplicationStatus.Denied, cancellationToken))
        {
            flags.Add(LinkedAccountDenied);
        }

        return flags;
    }
}
