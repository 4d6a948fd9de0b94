using System.Net;
using System.Net.Http.Headers;
using Tiergate.Server.IntegrationTests.Deployment;
using Tiergate.Server.IntegrationTests.Shutdown;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Settings;

/// <summary><c>serve --trusted-proxy</c>: the <c>server.trusted_proxies</c> setting as a flag, run as a process as deploy/nginx's examples run it.</summary>
public sealed class TrustedProxyFlagTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tiergate-trusted-proxy-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Serve_TrustedProxyFlag_ReplacesTheSettingsListAndForwardedForOpensTheAllowlist()
    {
        var cli = new SharedEnvironment(new Dictionary<string, string>());
        var data = Path.Combine(_root, "data");
        var settings = Path.Combine(_root, "settings.yaml");
        await File.WriteAllTextAsync(settings, "server:\n  trusted_proxies: [10.0.0.0/8]\n");
        await cli.SucceedAsync(data, "users", "add", "--email", "proxied@example.org");
        var key = (string)(await cli.SucceedAsync(data, "keys", "create", "--user", "proxied@example.org", "--allow-ip", "203.0.113.0/24"))["key"]!;
        var port = ServeReadiness.FreePort();

        using var server = cli.Start(data, "serve", "--urls", $"http://127.0.0.1:{port}", "--settings", settings, "--trusted-proxy", "192.0.2.1", "--trusted-proxy", "127.0.0.0/8");
        try
        {
            _ = server.StandardOutput.ReadToEndAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Wait.UntilReadyAsync(http, server);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

            using var response = await Chat.PostAsync(http, "standard");

            // The key admits only 203.0.113.0/24; the request came from 127.0.0.1, trusted by the flag's second entry.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("not-an-address")]
    [InlineData("10.0.0.0/33")]
    public async Task Serve_BadTrustedProxy_SettingsInvalidNamingTheFlagAndNothingStarts(string value)
    {
        var cli = new SharedEnvironment(new Dictionary<string, string>());
        var data = Path.Combine(_root, "data");

        var (exit, json) = await cli.JsonAsync(data, "serve", "--urls", $"http://127.0.0.1:{ServeReadiness.FreePort()}", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", value);

        Assert.Equal(1, exit);
        Assert.Equal("settings_invalid", (string?)json["error"]!["code"]);
        var detail = Assert.Single(json["error"]!["details"]!.AsArray());
        Assert.StartsWith("server.trusted_proxies[1]: ", (string?)detail, StringComparison.Ordinal);
        Assert.EndsWith("(--trusted-proxy)", (string?)detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }
}
