using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Credentials;

namespace Tiergate.Storage.Accounts.Sessions;

/// <summary>Server-side console sessions: created at sign-in, checked on every request, revocable one by one or all at once.</summary>
public sealed class SessionStore(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    public const int UserAgentLength = 200;

    /// <summary>Sessions idle this long end; the cookie's own lifetime is the same.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(12);

    /// <summary>Last-seen is written at most this often, so page views do not each cost a write.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session; returns the handle for the cookie (never stored).</summary>
    public async Task<string> CreateAsync(long userId, bool secondFactorProved, string? userAgent, string? address, CancellationToken cancellationToken = default)
    {
        var handle = OneTimeTokens.New();
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        db.Set<ConsoleSessionEntity>().Add(new ConsoleSessionEntity
        {
            UserId = userId,
            HandleHash = OneTimeTokens.HashOf(handle),
            CreatedAt = now,
            LastSeenAt = now,
            SecondFactorAt = secondFactorProved ? now : null,
            UserAgent = Cut(userAgent, UserAgentLength),
            Address = Cut(address, 64),
        });
        await db.SaveChangesAsync(cancellationToken);
        return handle;
    }

    /// <summary>The live session for a cookie's handle (touching its last-seen time), or null when it was revoked, expired or never existed.</summary>
    public async Task<SessionView?> FindAsync(string handle, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(handle) || handle.Length > OneTimeTokens.MaxTokenLength)
        {
            return null;
        }

        var hash = OneTimeTokens.HashOf(handle);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        // The user's role is read with the session, so a role change holds from the next request.
        var found = await (from s in db.Set<ConsoleSessionEntity>().AsNoTracking()
                           join u in db.Users.AsNoTracking() on s.UserId equals u.Id
                           where s.HandleHash == hash
                           select new { Session = s, u.Role }).FirstOrDefaultAsync(cancellationToken);
        var row = found?.Session;
        if (row is null || row.RevokedAt is not null || now - row.LastSeenAt > IdleTimeout)
        {
            return null;
        }

        if (now - row.LastSeenAt > TouchInterval)
        {
            await db.Set<ConsoleSessionEntity>().Where(s => s.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
            row.LastSeenAt = now;
        }

        return View(row) with { Role = VettingNames.Of((UserRole)found!.Role) };
    }

    /// <summary>Records a second factor proved now in this session (step-up).</summary>
    public async Task MarkSecondFactorAsync(string handle, CancellationToken cancellationToken = default)
    {
        var hash = OneTimeTokens.HashOf(handle);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        await db.Set<ConsoleSessionEntity>().Where(s => s.HandleHash == hash && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SecondFactorAt, now), cancellationToken);
    }

    public async Task<IReadOnlyList<SessionView>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow() - IdleTimeout;
        await using var db = database.CreateContext();
        var rows = await db.Set<ConsoleSessionEntity>().AsNoTracking().Where(s => s.UserId == userId && s.RevokedAt == null && s.LastSeenAt > since)
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(s => s.LastSeenAt).Select(View).ToList();
    }

    /// <summary>Ends one session by its handle (sign-out).</summary>
    public async Task RevokeAsync(string handle, CancellationToken cancellationToken = default)
    {
        var hash = OneTimeTokens.HashOf(handle);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        await db.Set<ConsoleSessionEntity>().Where(s => s.HandleHash == hash && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    /// <summary>Ends every session of the user except <paramref name="exceptHandle"/>'s; audited as <c>session.revoke_all</c>.</summary>
    public async Task<int> RevokeAllAsync(long userId, string? exceptHandle, string actor, CancellationToken cancellationToken = default)
    {
        var keep = exceptHandle is null ? "" : OneTimeTokens.HashOf(exceptHandle);
        var now = time.GetUtcNow();
        int ended;
        await using (var db = database.CreateContext())
        {
            ended = await db.Set<ConsoleSessionEntity>().Where(s => s.UserId == userId && s.RevokedAt == null && s.HandleHash != keep)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        }

        await audit.AppendAsync(new AuditEvent("session.revoke_all", actor, $"user:{userId}", "ok", new Dictionary<string, string>
        {
            ["ended"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), cancellationToken);
        return ended;
    }

    private static SessionView View(ConsoleSessionEntity s) => new(s.Id, s.UserId, s.CreatedAt, s.LastSeenAt, s.SecondFactorAt, s.UserAgent, s.Address);

    private static string Cut(string? text, int length)
    {
        var clean = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray());
        return clean.Length <= length ? clean : clean[..length];
    }
}
