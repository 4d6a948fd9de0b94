using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Npgsql;
using Tiergate.Storage;
using Tiergate.Storage.Secrets;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;
using Tiergate.Server.IntegrationTests.Shutdown;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Deployment;

/// <summary>
/// Several instances on one PostgreSQL database, each with its own data directory, sharing the three server
/// secrets as docs/deployment.md says: the pepper and the audit signing key in variables, the key-encryption
/// key in an owner-only file named by <c>TIERGATE_SECRETS__KEK_FILE</c> (through a symbolic link, as mounted
/// secrets often are). A key made by one instance's CLI works on another's server, the audit chain they write
/// verifies from a third directory, and no instance made secret files of its own.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SharedSecretsTests
{
    [Fact]
    public async Task Instances_SecretsFromVariablesAndKekFile_KeyWorksAcrossDataDirectoriesAndChainVerifies()
    {
        var root = Directory.CreateTempSubdirectory("tiergate-shared-secrets-").FullName;
        var connection = await CreateDatabaseAsync();
        try
        {
            var secrets = Directory.CreateDirectory(Path.Combine(root, "secrets"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
            var kekTarget = Path.Combine(secrets, "kek.real");
            File.WriteAllText(kekTarget, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.SetUnixFileMode(kekTarget, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var kekLink = Path.Combine(secrets, "kek");
            File.CreateSymbolicLink(kekLink, kekTarget);
            var environment = new Dictionary<string, string>
            {
                [SecretSource.Pepper.EnvironmentVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                [SecretSource.AuditSigningKey.EnvironmentVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["TIERGATE_SECRETS__KEK_FILE"] = kekLink,
                ["TIERGATE_DATABASE__CONNECTION"] = connection,
            };
            var (a, b, c) = (Path.Combine(root, "a"), Path.Combine(root, "b"), Path.Combine(root, "c"));

            var (addExit, _, addErr) = await RunAsync(a, environment, "users", "add", "--email", "shared@example.org");
            var (keyExit, keyOut, keyErr) = await RunAsync(a, environment, "keys", "create", "--user", "shared@example.org", "--json");
            Assert.True(addExit == 0 && keyExit == 0, addErr + keyErr);
            var key = (string)JsonNode.Parse(keyOut)!["key"]!;

            var port = ServeReadiness.FreePort();
            using (var server = Process.Start(StartInfo(b, environment, "serve", "--urls", $"http://127.0.0.1:{port}"))!)
            {
                try
                {
                    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                    await Wait.UntilReadyAsync(http, server);
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    using var answer = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));
                    Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                }
                finally
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                }
            }

            var (verifyExit, verifyOut, verifyErr) = await RunAsync(c, environment, "audit", "verify", "--json");
            Assert.True(verifyExit == 0, verifyOut + verifyErr);
            Assert.True(JsonNode.Parse(verifyOut)!["records_checked"]!.GetValue<long>() >= 3, verifyOut);
            foreach (var directory in new[] { a, b, c })
            {
                foreach (var source in SecretSource.All)
                {
                    Assert.False(File.Exists(Path.Combine(directory, "secrets", source.FileName)), $"{directory} made its own {source.Description}");
                }
            }
        }
        finally
        {
            await DropDatabaseAsync(connection);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string data, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(data, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(string data, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(TiergateCli.Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(data);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>An empty database on the test server (no schema: the first instance makes it, with the shared KEK).</summary>
    private static async Task<string> CreateDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable(TestStore.PostgresVariable);
        Assert.False(string.IsNullOrWhiteSpace(admin), $"{TestStore.PostgresVariable} is not set: run scripts/test, which starts PostgreSQL and sets it.");
        var adminConnection = PostgresConnectionString.Normalise(admin!);
        var name = "tg_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(adminConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string connection)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }
}
