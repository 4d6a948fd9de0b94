using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tiergate.Storage;

namespace Tiergate.Server.IntegrationTests.Privacy;

/// <summary>Everything a store holds, read as someone with file, server or key access would: raw files, every PostgreSQL row, every entity decrypted.</summary>
public static class StoreContents
{
    /// <summary>Every file under the data directory (the SQLite database, its -wal and -shm, secrets), as raw bytes.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Files(string dataDirectory)
    {
        var files = new List<(string, byte[])>();
        foreach (var path in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            // Shared read: SQLite still holds the database, its WAL and shared memory open.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((Path.GetRelativePath(dataDirectory, path), copy.ToArray()));
        }

        return files;
    }

    /// <summary>Every row of every table in the database, as PostgreSQL prints it (<c>SELECT t::text FROM table t</c>).</summary>
    public static async Task<IReadOnlyList<(string Table, string Row)>> PostgresRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<(string, string)>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((table, reader.GetString(0)));
            }
        }

        return rows;
    }

    /// <summary>Every entity of every type in the model, read through the key ring (encrypted columns decrypted), each property as text.</summary>
    public static async Task<IReadOnlyList<(string Entity, string Row)>> DecryptedRowsAsync(TiergateDatabase database)
    {
        await using var db = database.CreateContext();
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
        var rows = new List<(string, string)>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType))
        {
            var query = (IQueryable<object>)set.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
            foreach (var entity in await query.ToListAsync())
            {
                var row = new StringBuilder();
                foreach (var property in type.GetProperties())
                {
                    row.Append(property.Name).Append('=').Append(Text(db.Entry(entity).Property(property.Name).CurrentValue)).Append("; ");
                }

                rows.Add((type.ClrType.Name, row.ToString()));
            }
        }

        return rows;
    }

    private static string? Text(object? value) => value switch
    {
        byte[] bytes => $"{Convert.ToHexString(bytes)} {Encoding.UTF8.GetString(bytes)} {Encoding.Unicode.GetString(bytes)}",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
