using System.Data.Common;

namespace Tiergate.Storage;

/// <summary>Commands kept and re-executed with new values: created once, with their parameters, unbound.</summary>
internal static class ParameterizedCommand
{
    public static DbCommand Create(DbConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
