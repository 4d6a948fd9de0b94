using System.Diagnostics;
using System.Text.Json.Nodes;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Settings;

/// <summary><c>tiergate --settings FILE</c> and <c>TIERGATE_</c> variables, run as a process, as an operator would.</summary>
public sealed class SettingsCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tiergate-settings-cli", Guid.NewGuid().ToString("N"));

    public SettingsCliTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Serve_SettingsFile_ListensAndKeepsDataWhereTheFileSays()
    {
        var port = ServeReadiness.FreePort();
        var settings = Write("settings.yaml", $"data: state\nserver:\n  urls: [\"http://127.0.0.1:{port}\"]\n  trusted_proxies: [10.0.0.0/8]\n");
        using var server = Start(["serve", "--settings", settings], []);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServeReadiness.WaitUntilReadyAsync(http, server);

            Assert.True(File.Exists(Path.Combine(_directory, "state", "tiergate.db")));
            Assert.True(File.Exists(Path.Combine(_directory, "state", "secrets", "pepper")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_VariableAndFile_TheVariableWins()
    {
        var (filePort, envPort) = (ServeReadiness.FreePort(), ServeReadiness.FreePort());
        var settings = Write("settings.yaml", $"data: state\nserver:\n  urls: [\"http://127.0.0.1:{filePort}\"]\n");
        using var server = Start(["serve", "--settings", settings], new() { ["TIERGATE_SERVER__URLS"] = $"http://127.0.0.1:{envPort}" });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{envPort}") };
            await ServeReadiness.WaitUntilReadyAsync(http, server);
            using var toFilePort = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{filePort}") };

            await Assert.ThrowsAsync<HttpRequestException>(() => toFilePort.GetAsync("/readyz"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task AdminVerb_BrokenSettings_ExitsWithSettingsInvalidListingEveryErrorAndChangesNothing()
    {
        var settings = Write("settings.yaml", "data: state\ndatabase:\n  connection: \"postgresql://tg:hunter2@db/t\"\n  sqlite_sync: fast\nservr:\n  urls: [http://127.0.0.1:1]\n");

        var (exit, json, stdout) = await RunJsonAsync(["users", "add", "--email", "a@example.org", "--settings", settings],
            new() { ["TIERGATE_DATABASE__PASSWORD_FIL"] = "/x", ["TIERGATE_PEPPER"] = "ignored-here" });

        Assert.Equal(1, exit);
        Assert.Equal("settings_invalid", (string?)json["error"]!["code"]);
        var details = json["error"]!["details"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.Equal(4, details.Count);
        Assert.Contains(details, d => d.StartsWith("database.connection: ", StringComparison.Ordinal) && d.EndsWith("(settings.yaml line 3)", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("database.sqlite_sync: ", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("servr.urls[0]: ", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("database.password_fil: ", StringComparison.Ordinal) && d.EndsWith("(TIERGATE_DATABASE__PASSWORD_FIL)", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "state")));
    }

    [Fact]
    public async Task AdminVerb_FlagOverVariableOverFile_DataGoesWhereTheFlagSays()
    {
        var settings = Write("settings.yaml", "data: from-file\n");
        var environment = new Dictionary<string, string> { ["TIERGATE_DATA"] = Path.Combine(_directory, "from-env") };

        var (fileOrEnv, _, _) = await RunJsonAsync(["users", "add", "--email", "a@example.org", "--settings", settings], environment);
        var (flag, _, _) = await RunJsonAsync(["users", "add", "--email", "b@example.org", "--settings", settings, "--data", Path.Combine(_directory, "from-flag")], environment);

        Assert.Equal(0, fileOrEnv);
        Assert.Equal(0, flag);
        Assert.True(File.Exists(Path.Combine(_directory, "from-env", "tiergate.db")));
        Assert.True(File.Exists(Path.Combine(_directory, "from-flag", "tiergate.db")));
        Assert.False(Directory.Exists(Path.Combine(_directory, "from-file")));
    }

    [Theory]
    [InlineData("TIERGATE_PEPPER")]
    [InlineData("TIERGATE_KEK")]
    [InlineData("TIERGATE_AUDIT_SIGNING_KEY")]
    public async Task AdminVerb_SecretVariableSetButBlank_StorageUnavailableWithTheReasonCode(string variable)
    {
        var data = Path.Combine(_directory, "state");

        var (exit, json, _) = await RunJsonAsync(["users", "add", "--email", "a@example.org", "--data", data], new() { [variable] = " " });

        Assert.Equal(1, exit);
        Assert.Equal("storage_unavailable", (string?)json["error"]!["code"]);
        Assert.EndsWith("(secret_env_blank)", (string)json["error"]!["message"]!, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Process Start(string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory };
        info.ArgumentList.Add(TiergateCli.Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    private async Task<(int Exit, JsonObject Json, string Stdout)> RunJsonAsync(string[] args, Dictionary<string, string> environment)
    {
        using var process = Start([.. args, "--json"], environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var text = await stdout;
        await stderr;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line of JSON, got: {text}");
        return (process.ExitCode, Assert.IsType<JsonObject>(JsonNode.Parse(lines[0])), text);
    }
}
