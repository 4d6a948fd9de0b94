using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tiergate.Storage.Crypto;

/// <summary>
/// Adds a data key version and re-encrypts every column marked with
/// <see cref="EncryptedColumns.IsEncrypted"/> under it, in small transactions ordered by primary
/// key. Old versions stay in the ring, so values written concurrently under an older version (or
/// a rotation that was interrupted) remain readable; running it again finishes the job. A value
/// that changed between read and write is left to that writer (the update matches the old value).
/// </summary>
public static class KeyRotation
{
    private const int PageSize = 500;

    public static async Task<RotationResult> RotateAsync(
        Func<TiergateDbContext> contexts, KeyEncryptionKey kek, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await KeyRingStore.OpenAsync(contexts, kek, time, cancellationToken);
        var version = await KeyRingStore.AddDataKeyAsync(contexts, kek, time, cancellationToken);
        var ring = await KeyRingStore.OpenAsync(contexts, kek, time, cancellationToken);
        var columns = new List<ReencryptedColumn>();
        await using (var db = contexts())
        {
            foreach (var target in FindColumns(db.Model))
            {
                var rows = await ReencryptAsync(contexts, ring, target, cancellationToken);
                columns.Add(target.ToResult(rows));
            }
        }

        return new RotationResult(version, columns);
    }

    private static IEnumerable<ReencryptedTarget> FindColumns(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            var key = entity.FindPrimaryKey();
            if (table is null || key is null)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation(EncryptedColumns.Annotation)?.Value is not string purpose)
                {
                    continue;
                }

                if (key.Properties.Count != 1)
                {
                    throw new InvalidOperationException($"{table}: encrypted columns need a single-column primary key to be rotated");
                }

                yield return new ReencryptedTarget(
                    table, property.GetColumnName(store)!, purpose, key.Properties[0].GetColumnName(store)!, property.ClrType == typeof(string));
            }
        }
    }

    private static async Task<long> ReencryptAsync(Func<TiergateDbContext> contexts, KeyRing ring, ReencryptedTarget target, CancellationToken cancellationToken)
    {
        long changed = 0;
        object? after = null;
        var table = Quote(target.Table);
        var column = Quote(target.Column);
        var key = Quote(target.KeyColumn);
        while (true)
        {
            await using var db = contexts();
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var page = new List<(object Key, object Value)>();
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = after is null
                    ? $"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {key} LIMIT {PageSize}"
                    : $"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL AND {key} > @after ORDER BY {key} LIMIT {PageSize}";
                AddParameter(select, "@after", after);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add((reader.GetValue(0), reader.GetValue(1)));
                }
            }

            if (page.Count == 0)
            {
                return changed;
            }

            foreach (var (rowKey, value) in page)
            {
                var updated = Reencrypt(ring, target, value);
                if (updated is null)
                {
                    continue;
                }

                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = $"UPDATE {table} SET {column} = @new WHERE {key} = @key AND {column} = @old";
                AddParameter(update, "@new", updated);
                AddParameter(update, "@key", rowKey);
                AddParameter(update, "@old", value);
                changed += await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            after = page[^1].Key;
        }
    }

    private static object? Reencrypt(KeyRing ring, ReencryptedTarget target, object value)
    {
        if (target.IsText)
        {
            var text = (string)value;
            return KeyRing.VersionOf(text) == ring.ActiveVersion
                ? null
                : ring.EncryptString(ring.DecryptString(text, target.Purpose), target.Purpose);
        }

        var bytes = (byte[])value;
        return KeyRing.VersionOf(bytes) == ring.ActiveVersion
            ? null
            : ring.Encrypt(ring.Decrypt(bytes, target.Purpose), target.Purpose);
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
