using System.Net;
using Npgsql;
using Tiergate.Storage;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Deployment;

/// <summary><c>/readyz</c> follows the database: a load balancer takes an instance whose database is gone out of rotation, while <c>/healthz</c> keeps it alive.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_PostgresDatabaseGone_503WhileHealthzStays200()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Postgres);
        using var before = await host.Client().GetAsync("/readyz");

        var builder = new NpgsqlConnectionStringBuilder(host.Store.Options.PostgresConnection);
        var name = builder.Database!;
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(PostgresConnectionString.Normalise(Environment.GetEnvironmentVariable(TestStore.PostgresVariable)!)))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using var after = await host.Client().GetAsync("/readyz");
        using var alive = await host.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
