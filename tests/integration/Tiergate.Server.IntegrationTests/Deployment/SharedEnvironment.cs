using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tiergate.Storage.Secrets;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests.Deployment;

/// <summary>
/// What several instances of a deployment share, as variables: the three server secrets and the database (and
/// whatever else a test adds). Runs the built <c>tiergate</c> in it, each run with its own data directory, as each
/// host of a deployment would.
/// </summary>
internal sealed class SharedEnvironment(IReadOnlyDictionary<string, string> variables)
{
    public IReadOnlyDictionary<string, string> Variables { get; } = variables;

    /// <summary>Fresh random secrets, all three as variables, and the PostgreSQL database every instance uses.</summary>
    public static SharedEnvironment WithFreshSecrets(string databaseConnection) => new(new Dictionary<string, string>
    {
        [SecretSource.Pepper.EnvironmentVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [SecretSource.KeyEncryptionKey.EnvironmentVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [SecretSource.AuditSigningKey.EnvironmentVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["TIERGATE_DATABASE__CONNECTION"] = databaseConnection,
    });

    public async Task<(int Exit, string Out, string Err)> RunAsync(string data, params string[] args)
    {
        using var process = Start(data, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3)); // generous: a loaded 2-core machine runs several at once
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs with --json; stdout must be exactly one JSON object (stderr is in the failure message).</summary>
    public async Task<(int Exit, JsonObject Json)> JsonAsync(string data, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(data, [.. args, "--json"]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"tiergate {string.Join(' ', args)}: expected one line of JSON, got: {stdout}{stderr}");
        return (exit, Assert.IsType<JsonObject>(JsonNode.Parse(lines[0])));
    }

    /// <summary>Like <see cref="JsonAsync"/>, and fails unless the verb exited 0.</summary>
    public async Task<JsonObject> SucceedAsync(string data, params string[] args)
    {
        var (exit, json) = await JsonAsync(data, args);
        Assert.True(exit == 0, $"tiergate {string.Join(' ', args)} exited {exit}: {json.ToJsonString()}");
        return json;
    }

    public Process Start(string data, params string[] args) => Process.Start(StartInfo(data, args))!;

    private ProcessStartInfo StartInfo(string data, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(TiergateCli.Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(data);
        foreach (var (name, value) in Variables)
        {
            info.Environment[name] = value;
        }

        // Workstation GC: several servers and the test share two cores.
        info.Environment["DOTNET_gcServer"] = "0";
        return info;
    }
}
