using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tiergate.Core.Access;
using Tiergate.Core.Policy;

namespace Tiergate.Storage.Accounts;

/// <summary>
/// Loads what the gateway needs to decide on one request. It reads the database on every request,
/// with no cache that could serve a revoked key, so a revocation made by the CLI or another gateway
/// holds from the next request on. This is the gateway's hottest read, so it is one round trip of
/// plain SQL on a pooled connection rather than two EF Core queries (which cost several times more).
/// Column names are EF Core's defaults for the entities in <c>Entities/</c>; the gateway tests run it
/// on both providers.
/// </summary>
public sealed class CallerStore(TiergateDatabase database)
{
    private const string Sql = """
        SELECT k."Hash", k."UserId", k."CreatedAt", k."ExpiresAt", k."RevokedAt", k."AllowedNetworks",
               u."IdentityLevel", u."MfaEnrolled", u."DisabledAt"
        FROM api_keys k JOIN users u ON u."Id" = k."UserId"
        WHERE k."Id" = @id;
        SELECT g."Tier", g."GrantedAt", g."ExpiresAt"
        FROM grants g JOIN api_keys k ON k."UserId" = g."UserId"
        WHERE k."Id" = @id AND g."RevokedAt" IS NULL;
        """;

    private static readonly DateTimeOffsetToBinaryConverter Instants = new();

    public async Task<(CallerContext Caller, byte[] Hash)?> FindAsync(string keyId, IPAddress? client, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = keyId;
        command.Parameters.Add(id);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var hash = (byte[])reader.GetValue(0);
        var userId = reader.GetInt64(1);
        var key = new KeyFacts(keyId, userId, Instant(reader, 2)!.Value, Instant(reader, 3), Instant(reader, 4), Networks.Parse(reader.GetString(5)));
        var user = new UserFacts(userId, (IdentityLevel)reader.GetInt32(6), reader.GetBoolean(7), !reader.IsDBNull(8));

        var grants = new List<GrantFacts>();
        if (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                grants.Add(new GrantFacts(reader.GetString(0), Instant(reader, 1)!.Value, Instant(reader, 2), null));
            }
        }

        return (new CallerContext(key, user, grants, client), hash);
    }

    private static DateTimeOffset? Instant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (DateTimeOffset)Instants.ConvertFromProvider(reader.GetInt64(ordinal))!;
}
