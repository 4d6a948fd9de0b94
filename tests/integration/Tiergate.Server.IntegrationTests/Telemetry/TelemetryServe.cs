using System.Diagnostics;
using Tiergate.Server.IntegrationTests.Shutdown;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests.Telemetry;

/// <summary>A <c>tiergate serve</c> process on the built-in policy and sample model, with one user and key, for the telemetry tests.</summary>
internal sealed class TelemetryServe : IDisposable
{
    private TelemetryServe(Process process, int port, string key, Task<string> stdout, Task<string> stderr)
    {
        Process = process;
        Port = port;
        Key = key;
        _stdout = stdout;
        _stderr = stderr;
    }

    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public Process Process { get; }

    public int Port { get; }

    public string Key { get; }

    public Uri Public => new($"http://127.0.0.1:{Port}");

    public static async Task<TelemetryServe> StartAsync(params string[] serveArgs)
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--email", "telemetry@example.org")).Exit);
        var (exit, json) = await cli.JsonAsync("keys", "create", "--user", "telemetry@example.org");
        Assert.Equal(0, exit);
        var port = ServeReadiness.FreePort();
        var process = cli.Start(["serve", "--urls", $"http://127.0.0.1:{port}", .. serveArgs]);
        // Read both pipes from the start, so that a chatty process never blocks on a full pipe.
        var serve = new TelemetryServe(process, port, (string)json["key"]!, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var http = new HttpClient { BaseAddress = serve.Public };
        await Wait.UntilReadyAsync(http, process);
        return serve;
    }

    /// <summary>SIGTERM, then everything the process wrote (stdout, stderr) once it has exited.</summary>
    public async Task<(string Stdout, string Stderr)> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
