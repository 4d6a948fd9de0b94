using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Tiergate.Bench.Identity.Storage;

/// <summary>
/// Writes prepared users and identifiers in one transaction: binary <c>COPY</c> on PostgreSQL, one prepared
/// statement per row on SQLite (SQLite's own fastest bulk path). Nothing goes through the console or EF Core's
/// change tracker; the rows are exactly what the product would have stored.
/// </summary>
internal static class BulkLoader
{
    private const string UserColumns = "\"Id\", \"Email\", \"EmailIndex\", \"IdentityLevel\", \"MfaEnrolled\", \"Role\", \"PrivacyPermission\", \"CreatedAt\"";
    private const string IdentifierColumns = "\"UserId\", \"Kind\", \"Hash\", \"Source\", \"CreatedAt\"";

    public static async Task LoadAsync(BenchDatabase bench, IReadOnlyList<UserRow> users, IReadOnlyList<IdentifierRow> identifiers)
    {
        await using var connection = await bench.Database.OpenConnectionAsync(CancellationToken.None);
        if (connection is NpgsqlConnection pg)
        {
            await CopyAsync(pg, users, identifiers);
        }
        else
        {
            await InsertAsync((SqliteConnection)connection, users, identifiers);
        }
    }

    /// <summary>Runs one statement of the bench's own (the experimental index) on the database.</summary>
    public static async Task ExecuteAsync(BenchDatabase bench, string sql)
    {
        await using var connection = await bench.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        command.CommandText = "ANALYZE identifiers";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The largest user id in the database (0 when empty): new rows start after it.</summary>
    public static async Task<long> MaxUserIdAsync(BenchDatabase bench)
    {
        await using var connection = await bench.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(\"Id\"), 0) FROM users";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every cluster label by user id (<c>identity_clusters</c>; accounts alone have none).</summary>
    public static async Task<Dictionary<long, long>> ClusterLabelsAsync(BenchDatabase bench)
    {
        await using var connection = await bench.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"UserId\", \"ClusterId\" FROM identity_clusters";
        var labels = new Dictionary<long, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            labels[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return labels;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<UserRow> users, IReadOnlyList<IdentifierRow> identifiers)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY users ({UserColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var u in users)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(u.Id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(u.EncryptedEmail, NpgsqlDbType.Text);
                await copy.WriteAsync(u.EmailIndex, NpgsqlDbType.Varchar);
                await copy.WriteAsync(u.IdentityLevel, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(u.CreatedAt, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY identifiers ({IdentifierColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var i in identifiers)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(i.UserId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(i.Kind, NpgsqlDbType.Integer);
                await copy.WriteAsync(i.Hash, NpgsqlDbType.Varchar);
                await copy.WriteAsync(PreparedRows.Source, NpgsqlDbType.Varchar);
                await copy.WriteAsync(i.CreatedAt, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        // Explicit ids bypass the identity sequence: move it past them, or the next sign-up would collide.
        await using (var command = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('users', 'Id'), (SELECT MAX(\"Id\") FROM users))", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE users; ANALYZE identifiers;", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task InsertAsync(SqliteConnection connection, IReadOnlyList<UserRow> users, IReadOnlyList<IdentifierRow> identifiers)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var command = Prepared(connection, transaction, $"INSERT INTO users ({UserColumns}) VALUES ($id, $email, $index, $level, 0, 0, 0, $created)", "$id", "$email", "$index", "$level", "$created"))
        {
            foreach (var u in users)
            {
                Set(command, u.Id, u.EncryptedEmail, u.EmailIndex, u.IdentityLevel, u.CreatedAt);
                await command.ExecuteNonQueryAsync();
            }
        }

        await using (var command = Prepared(connection, transaction, $"INSERT INTO identifiers ({IdentifierColumns}) VALUES ($user, $kind, $hash, '{PreparedRows.Source}', $created)", "$user", "$kind", "$hash", "$created"))
        {
            foreach (var i in identifiers)
            {
                Set(command, i.UserId, i.Kind, i.Hash, i.CreatedAt);
                await command.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
