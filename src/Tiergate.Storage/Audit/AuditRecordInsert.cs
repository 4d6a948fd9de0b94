using System.Data.Common;
using System.Text;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Inserts a batch of records far more cheaply than tracking each entity: on SQLite one prepared
/// single-row INSERT, kept across batches and executed per record (binding thousands of named
/// parameters is slow there, and statements run in-process); on PostgreSQL one multi-row INSERT
/// per batch (one round trip).
/// </summary>
internal sealed class AuditRecordInsert
{
    private const string Columns = "INSERT INTO audit_records (seq, ts_unix_ms, action, actor, subject, outcome, details, prev_hash, hash) VALUES ";
    private static readonly string[] Names = ["@s", "@t", "@a", "@c", "@j", "@o", "@d", "@p", "@h"];

    private readonly DbConnection _connection;

    public AuditRecordInsert(DbConnection connection, bool multiRow)
    {
        _connection = connection;
        Command = multiRow ? null : ParameterizedCommand.Create(connection, Columns + "(" + string.Join(',', Names) + ")", Names);
    }

    /// <summary>The reusable single-row statement (SQLite only); its owner disposes it.</summary>
    public DbCommand? Command { get; }

    public async Task ExecuteAsync(DbTransaction transaction, IReadOnlyList<AuditRecordEntity> records)
    {
        if (Command is not { } single)
        {
            await using var batch = MultiRow(records);
            batch.Transaction = transaction;
            await batch.ExecuteNonQueryAsync();
            return;
        }

        single.Transaction = transaction;
        var p = single.Parameters;
        foreach (var r in records)
        {
            Bind(p, 0, r);

            // Microsoft.Data.Sqlite runs statements synchronously; the sync call skips a Task per row.
            single.ExecuteNonQuery();
        }
    }

    private DbCommand MultiRow(IReadOnlyList<AuditRecordEntity> records)
    {
        var command = _connection.CreateCommand();
        var sql = new StringBuilder(Columns, Columns.Length + (records.Count * 64));
        for (var i = 0; i < records.Count; i++)
        {
            sql.Append(i == 0 ? "(" : ",(");
            for (var c = 0; c < Names.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"{Names[c]}{i}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ",").Append(parameter.ParameterName);
            }

            sql.Append(')');
            Bind(command.Parameters, i * Names.Length, records[i]);
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static void Bind(DbParameterCollection p, int at, AuditRecordEntity r)
    {
        p[at].Value = r.Sequence;
        p[at + 1].Value = r.TimestampUnixMs;
        p[at + 2].Value = r.Action;
        p[at + 3].Value = r.Actor;
        p[at + 4].Value = (object?)r.Subject ?? DBNull.Value;
        p[at + 5].Value = r.Outcome;
        p[at + 6].Value = (object?)r.Details ?? DBNull.Value;
        p[at + 7].Value = r.PreviousHash;
        p[at + 8].Value = r.Hash;
    }
}
