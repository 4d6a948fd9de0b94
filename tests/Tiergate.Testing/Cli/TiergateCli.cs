using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tiergate.Testing.Cli;

/// <summary>Runs the built <c>tiergate</c> command as a separate process, as a user or script would.</summary>
public sealed class TiergateCli(string dataDirectory)
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "tiergate.dll");

    public string DataDirectory { get; } = dataDirectory;

    public static TiergateCli InTempDirectory() =>
        new(Path.Combine(Path.GetTempPath(), "tiergate-cli-tests", Guid.NewGuid().ToString("N")));

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs with --json and parses stdout, which must be exactly one JSON object.</summary>
    public async Task<(int Exit, JsonObject Json)> JsonAsync(params string[] args)
    {
        var (exit, stdout, _) = await RunAsync([.. args, "--json"]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line of JSON, got: {stdout}");
        return (exit, Assert.IsType<JsonObject>(JsonNode.Parse(lines[0])));
    }

    public Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    private ProcessStartInfo StartInfo(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(DataDirectory);
        return info;
    }
}
