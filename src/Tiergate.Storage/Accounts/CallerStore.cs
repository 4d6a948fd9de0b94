using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tiergate.Core.Access;
using Tiergate.Core.Identity;
using Tiergate.Core.Policy;

namespace Tiergate.Storage.Accounts;

/// <summary>
/// Loads what the gateway needs to decide on one request. It reads the database on every request,
/// with no cache that could serve a revoked key, so a revocation made by the CLI or another gateway
/// holds from the next request on. This is the gateway's hottest read, so it is one round trip of
/// plain SQL rather than two EF Core queries (which cost several times more), on connections kept
/// open with the statement prepared (parsing and planning it cost more than running it).
/// Column names are EF Core's defaults for the entities in <c>Entities/</c>; the gateway tests run it
/// on both providers.
/// </summary>
public sealed class CallerStore(TiergateDatabase database) : ICallerStore, IAsyncDisposable
{
    // One statement, so one read transaction (and one consistent snapshot): with two statements
    // SQLite took its locks and refilled its page cache twice. One row per live grant, or one row
    // with NULL grant columns when there is none.
    private const string Sql = """
        SELECT k."Hash", k."UserId", k."CreatedAt", k."ExpiresAt", k."RevokedAt", k."AllowedNetworks", k."Tiers",
               u."IdentityLevel", u."MfaEnrolled", u."DisabledAt", u."IdentityVerifiedAt", u."IdentityExpiresAt", u."AffiliationExpiresAt",
               g."Tier", g."GrantedAt", g."ExpiresAt"
        FROM api_keys k
        JOIN users u ON u."Id" = k."UserId"
        LEFT JOIN grants g ON g."UserId" = k."UserId" AND g."RevokedAt" IS NULL
        WHERE k."Id" = @id;
        """;

    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    private const int MaxIdleSessions = 64;
    private readonly ConcurrentBag<LookupSession> _idle = []; // last in, first out: the warmest connections stay in use

    // Counted here: ConcurrentBag.Count takes every thread's lock.
    private int _idleCount;

    public async Task<(CallerContext Caller, byte[] Hash)?> FindAsync(string keyId, IPAddress? client, CancellationToken cancellationToken)
    {
        LookupSession? session;
        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            session = idle;
        }
        else
        {
            session = await LookupSession.OpenAsync(database, Sql, cancellationToken);
        }

        try
        {
            var found = await ReadAsync(session, keyId, client, cancellationToken);
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleSessions)
            {
                _idle.Add(session);
                session = null;
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
            }

            return found;
        }
        finally
        {
            // A failed lookup drops its connection (the next one starts from a fresh one), as does one past the idle limit.
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var session))
        {
            await session.DisposeAsync();
        }
    }

    private static async Task<(CallerContext Caller, byte[] Hash)?> ReadAsync(LookupSession session, string keyId, IPAddress? client, CancellationToken cancellationToken)
    {
        session.Parameter.Value = keyId;
        await using var reader = await session.Command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var hash = (byte[])reader.GetValue(0);
        var userId = reader.GetInt64(1);
        var key = new KeyFacts(keyId, userId, Instant(reader, 2)!.Value, Instant(reader, 3), Instant(reader, 4), Networks.Parse(reader.GetString(5)))
        {
            Tiers = KeyTiers.Parse(reader.GetString(6)),
        };
        var level = (IdentityLevel)reader.GetInt32(7);
        var user = new UserFacts(userId, level, reader.GetBoolean(8), !reader.IsDBNull(9))
        {
            Standing = new IdentityStanding(level, Instant(reader, 10), Instant(reader, 11), Instant(reader, 12)),
        };

        var grants = new List<GrantFacts>();
        do
        {
            if (!reader.IsDBNull(13))
            {
                grants.Add(new GrantFacts(reader.GetString(13), Instant(reader, 14)!.Value, Instant(reader, 15), null));
            }
        }
        while (await reader.ReadAsync(cancellationToken));

        return (new CallerContext(key, user, grants, client), hash);
    }

    private static DateTimeOffset? Instant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (DateTimeOffset)Instants.ConvertFromProvider(reader.GetInt64(ordinal))!;
}
