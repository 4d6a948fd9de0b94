using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Identity.Links;

public sealed partial class IdentifierGraph
{
    /// <summary>
    /// The first <paramref name="limit"/> holders of each (kind, hash), in one round trip: a UNION ALL of one bounded
    /// index read each, so an identifier held by thousands (a carrier's AS) costs no more than one held by two.
    /// </summary>
    private static async Task<Dictionary<(int Kind, string Hash), List<long>>> HoldersOfManyAsync(
        TiergateDbContext db, List<(int Kind, string Hash)> keys, int limit, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var query = new FactsQuery();
        query.Holders(keys, limit);
        return query.Group(await query.RunAsync(db, cancellationToken), FactsQuery.Holder);
    }

    /// <summary>
    /// What an attach must know before it writes, in one round trip: whether the account exists and is in a cluster,
    /// the bans of the strong identifiers, and every identifier's first <paramref name="limit"/> holders. On
    /// PostgreSQL the same round trip first takes the graph's advisory lock (<paramref name="lockKey"/>): the reads
    /// are a second statement, so under READ COMMITTED they see everything committed before the lock was granted.
    /// </summary>
    private static async Task<AttachFacts> AttachFactsAsync(
        TiergateDbContext db, long userId, List<(int Kind, string Hash)> keys, List<(int Kind, string Hash)> strong, int limit, long lockKey, CancellationToken cancellationToken)
    {
        var query = new FactsQuery();
        query.Account(userId);
        query.Bans(strong);
        query.Holders(keys, limit);
        query.HeldBy(keys, userId);
        var rows = await query.RunAsync(db, cancellationToken, lockKey);
        return new AttachFacts(
            rows.Any(r => r.Role == FactsQuery.User),
            rows.Any(r => r.Role == FactsQuery.Clustered),
            query.Group(rows, FactsQuery.Ban),
            query.Group(rows, FactsQuery.Holder),
            query.Group(rows, FactsQuery.Held).Keys.ToHashSet());
    }

    /// <param name="Exists">The account exists.</param>
    /// <param name="Clustered">The account is in a cluster of two or more.</param>
    /// <param name="BannedBy">Per banned (kind, hash): the banned accounts it was taken from.</param>
    /// <param name="HoldersOf">Per (kind, hash): its first holders, this account included.</param>
    /// <param name="Held">The identifiers this account already holds (asked directly: a crowded one's first holders may not include it).</param>
    private sealed record AttachFacts(
        bool Exists, bool Clustered, Dictionary<(int Kind, string Hash), List<long>> BannedBy, Dictionary<(int Kind, string Hash), List<long>> HoldersOf, HashSet<(int Kind, string Hash)> Held);

    /// <summary>
    /// One statement of UNION ALLed reads, each row tagged with the question it answers (<see cref="FactRow.Role"/>) and
    /// the identifier it is about by its place in the query (<see cref="FactRow.Key"/>), so no hash travels back. Run
    /// as a plain ADO.NET command on the context's connection and transaction: EF Core's raw-SQL path spent as long
    /// composing and materialising it as the database spent answering.
    /// </summary>
    private sealed class FactsQuery
    {
        public const int Holder = 0, Ban = 1, User = 2, Clustered = 3, Held = 4;

        private readonly StringBuilder _sql = new();
        private readonly List<object> _parameters = [];
        private readonly List<(int Kind, string Hash)> _keys = [];
        private readonly Dictionary<(int Kind, string Hash), int> _indexOf = [];

        public void Account(long userId)
        {
            var n = Parameter(userId);
            Part($"SELECT -1 AS \"Key\", \"Id\" AS \"UserId\", {User} AS \"Role\" FROM users WHERE \"Id\" = @p{n}");
            Part($"SELECT -1, \"UserId\", {Clustered} FROM identity_clusters WHERE \"UserId\" = @p{n}");
        }

        public void Bans(IEnumerable<(int Kind, string Hash)> keys)
        {
            foreach (var key in keys.Distinct())
            {
                var (k, n) = Key(key);
                Part($"SELECT {k}, \"UserId\", {Ban} FROM identifier_bans WHERE \"Kind\" = @p{n} AND \"Hash\" = @p{n + 1}");
            }
        }

        public void Holders(IEnumerable<(int Kind, string Hash)> keys, int limit)
        {
            foreach (var key in keys.Distinct())
            {
                var (k, n) = Key(key);
                Part($"SELECT * FROM (SELECT {k} AS \"Key\", \"UserId\", {Holder} AS \"Role\" FROM identifiers WHERE \"Kind\" = @p{n} AND \"Hash\" = @p{n + 1} LIMIT {limit}) AS h{n}");
            }
        }

        /// <summary>Whether <paramref name="userId"/> holds each identifier: one probe of the (Kind, Hash, UserId) index each.</summary>
        public void HeldBy(IEnumerable<(int Kind, string Hash)> keys, long userId)
        {
            var u = Parameter(userId);
            foreach (var key in keys.Distinct())
            {
                var (k, n) = Key(key);
                Part($"SELECT {k}, \"UserId\", {Held} FROM identifiers WHERE \"Kind\" = @p{n} AND \"Hash\" = @p{n + 1} AND \"UserId\" = @p{u}");
            }
        }

        /// <param name="lockKey">On PostgreSQL, the advisory lock taken (until the transaction ends) before the reads.</param>
        public async Task<List<FactRow>> RunAsync(TiergateDbContext db, CancellationToken cancellationToken, long? lockKey = null)
        {
            var locks = lockKey is not null && db.Database.IsNpgsql();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = ContextCommand.Create(db, locks ? "SELECT pg_advisory_xact_lock(@lock); " + _sql : _sql.ToString(), _parameters);
                if (locks)
                {
                    ContextCommand.Bind(command, "@lock", lockKey!.Value);
                }

                var rows = new List<FactRow>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (locks)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new FactRow { Key = reader.GetInt32(0), UserId = reader.GetInt64(1), Role = reader.GetInt32(2) });
                }

                return rows;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        /// <summary>The rows answering <paramref name="role"/>, as each identifier's accounts in ascending order.</summary>
        public Dictionary<(int Kind, string Hash), List<long>> Group(List<FactRow> rows, int role)
        {
            var result = new Dictionary<(int Kind, string Hash), List<long>>();
            foreach (var row in rows.Where(r => r.Role == role))
            {
                if (!result.TryGetValue(_keys[row.Key], out var list))
                {
                    result[_keys[row.Key]] = list = [];
                }

                list.Add(row.UserId);
            }

            foreach (var list in result.Values)
            {
                list.Sort();
            }

            return result;
        }

        private (int Index, int Parameter) Key((int Kind, string Hash) key)
        {
            if (!_indexOf.TryGetValue(key, out var index))
            {
                _indexOf[key] = index = _keys.Count;
                _keys.Add(key);
            }

            var n = Parameter(key.Kind);
            Parameter(key.Hash);
            return (index, n);
        }

        private int Parameter(object value)
        {
            _parameters.Add(value);
            return _parameters.Count - 1;
        }

        private void Part(string select)
        {
            if (_sql.Length > 0)
            {
                _sql.Append(" UNION ALL ");
            }

            _sql.Append(select);
        }
    }
}
