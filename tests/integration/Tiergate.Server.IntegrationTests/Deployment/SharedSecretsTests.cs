using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tiergate.Storage.Secrets;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;
using Tiergate.Server.IntegrationTests.Shutdown;

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
        await using var database = await EmptyPostgresDatabase.CreateAsync();
        var connection = database.ConnectionString;
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
            var shared = new SharedEnvironment(environment);
            var (a, b, c) = (Path.Combine(root, "a"), Path.Combine(root, "b"), Path.Combine(root, "c"));

            var (addExit, _, addErr) = await shared.RunAsync(a, "users", "add", "--email", "shared@example.org");
            var (keyExit, keyOut, keyErr) = await shared.RunAsync(a, "keys", "create", "--user", "shared@example.org", "--json");
            Assert.True(addExit == 0 && keyExit == 0, addErr + keyErr);
            var key = (string)JsonNode.Parse(keyOut)!["key"]!;

            var port = ServeReadiness.FreePort();
            using (var server = shared.Start(b, "serve", "--urls", $"http://127.0.0.1:{port}"))
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

            var (verifyExit, verifyOut, verifyErr) = await shared.RunAsync(c, "audit", "verify", "--json");
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
            Directory.Delete(root, recursive: true);
        }
    }
}
