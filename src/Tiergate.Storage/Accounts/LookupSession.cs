using System.Data.Common;

namespace Tiergate.Storage.Accounts;

/// <summary>An open connection with one prepared, parameterised query, reused across requests.</summary>
internal sealed class LookupSession : IAsyncDisposable
{
    private readonly DbConnection _connection;

    private LookupSession(DbConnection connection, DbCommand command, DbParameter parameter)
    {
        _connection = connection;
        Command = command;
        Parameter = parameter;
    }

    public DbCommand Command { get; }

    /// <summary>The query's one parameter, <c>@id</c>.</summary>
    public DbParameter Parameter { get; }

    public static async Task<LookupSession> OpenAsync(TiergateDatabase database, string sql, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var command = ParameterizedCommand.Create(connection, sql, "id");
            var parameter = command.Parameters[0];
            parameter.Value = "";
            await command.PrepareAsync(cancellationToken);
            return new LookupSession(connection, command, parameter);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
