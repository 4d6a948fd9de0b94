using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tiergate.Storage;

/// <summary>
/// A plain ADO.NET command on a context's connection and in its current transaction, for the few hot statements
/// whose SQL is built per call (a UNION ALL per identifier, a multi-row INSERT): EF Core's raw-SQL path costs as
/// much again in composing and materialising as the database spends answering. The connection must be open.
/// </summary>
internal static class ContextCommand
{
    /// <summary>The command, with <c>@p0</c>, <c>@p1</c>, … bound to <paramref name="values"/> in order.</summary>
    public static DbCommand Create(TiergateDbContext db, string sql, IReadOnlyList<object> values)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
        {
            Bind(command, "@p" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        return command;
    }

    public static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
