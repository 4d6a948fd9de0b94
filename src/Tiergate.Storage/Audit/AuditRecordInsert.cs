using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Inserts a batch of records far more cheaply than tracking each entity: on SQLite one prepared
/// single-row INSERT executed per record (binding thousands of named parameters is slow there), on
/// PostgreSQL one multi-row INSERT (one round trip).
/// </summary>
internal static class AuditRecordInsert
{
    private const string Columns = "INSERT INTO audit_records (seq, ts_unix_ms, action, actor, subject, outcome, details, prev_hash, hash) VALUES ";

    public static async Task ExecuteAsync(TiergateDbContext db, IReadOnlyList<AuditRecordEntity> records, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await ExecuteOneByOneAsync(db, records, cancellationToken);
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder(Columns, Columns.Length + (records.Count * 64));
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            sql.Append(i == 0 ? "(" : ",(");
            Add(command, sql, $"@s{i}", r.Sequence, first: true);
            Add(command, sql, $"@t{i}", r.TimestampUnixMs);
            Add(command, sql, $"@a{i}", r.Action);
            Add(command, sql, $"@c{i}", r.Actor);
            Add(command, sql, $"@j{i}", r.Subject);
            Add(command, sql, $"@o{i}", r.Outcome);
            Add(command, sql, $"@d{i}", r.Details);
            Add(command, sql, $"@p{i}", r.PreviousHash);
            Add(command, sql, $"@h{i}", r.Hash);
            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task ExecuteOneByOneAsync(TiergateDbContext db, IReadOnlyList<AuditRecordEntity> records, CancellationToken cancellationToken)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new StringBuilder(Columns).Append('(');
        string[] names = ["@s", "@t", "@a", "@c", "@j", "@o", "@d", "@p", "@h"];
        var parameters = names.Select((name, i) =>
        {
            Add(command, sql, name, null, first: i == 0);
            return command.Parameters[i];
        }).ToArray();
        command.CommandText = sql.Append(')').ToString();
        foreach (var r in records)
        {
            parameters[0].Value = r.Sequence;
            parameters[1].Value = r.TimestampUnixMs;
            parameters[2].Value = r.Action;
            parameters[3].Value = r.Actor;
            parameters[4].Value = (object?)r.Subject ?? DBNull.Value;
            parameters[5].Value = r.Outcome;
            parameters[6].Value = (object?)r.Details ?? DBNull.Value;
            parameters[7].Value = r.PreviousHash;
            parameters[8].Value = r.Hash;

            // Microsoft.Data.Sqlite runs statements synchronously; the sync call skips the Task per row.
            cancellationToken.ThrowIfCancellationRequested();
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    private static void Add(DbCommand command, StringBuilder sql, string name, object? value, bool first = false)
    {
        if (!first)
        {
            sql.Append(',');
        }

        sql.Append(name);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
