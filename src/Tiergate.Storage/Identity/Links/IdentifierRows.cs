using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// Writes one account's new identifiers in one multi-row INSERT: EF Core's SQLite provider sends one command per
/// row, and an account's sign-in brings seven or eight at once. A plain command (<see cref="ContextCommand"/>).
/// </summary>
internal static class IdentifierRows
{
    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

    public static async Task InsertAsync(TiergateDbContext db, long userId, IReadOnlyList<(int Kind, string Hash)> rows, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // The same column conversion the model applies to every DateTimeOffset, so EF reads these rows back alike.
        var createdAt = Instant.ConvertToProvider(now)!;
        var sql = new StringBuilder("INSERT INTO identifiers (\"UserId\", \"Kind\", \"Hash\", \"Source\", \"CreatedAt\") VALUES ");
        var parameters = new List<object>(rows.Count * 3 + 3) { userId, source, createdAt };
        for (var i = 0; i < rows.Count; i++)
        {
            var n = parameters.Count;
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@p0, @p{n}, @p{n + 1}, @p1, @p2)");
            parameters.Add(rows[i].Kind);
            parameters.Add(rows[i].Hash);
        }

        // Inside the attach's transaction, so its connection is open.
        await using var command = ContextCommand.Create(db, sql.ToString(), parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
