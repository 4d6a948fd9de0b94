using System.Diagnostics;
using System.Net.Http.Headers;
using Tiergate.Server.IntegrationTests.Shutdown;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests.Deployment.MultiInstance;

/// <summary>One <c>tiergate serve</c> process of a deployment: its own data directory and port, the shared database and Redis.</summary>
internal sealed class GatewayInstance : IDisposable
{
    private readonly Process _process;

    private GatewayInstance(string name, Process process, int port, string dataDirectory)
    {
        Name = name;
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>This instance's data directory; the CLI run with it is "this instance's CLI".</summary>
    public string DataDirectory { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>serve --redis</c> and returns once <c>/readyz</c> answers 200.</summary>
    public static async Task<GatewayInstance> StartAsync(string name, SharedEnvironment environment, string dataDirectory, string config, string redis)
    {
        var port = ServeReadiness.FreePort();
        var process = environment.Start(dataDirectory, "serve", "--urls", $"http://127.0.0.1:{port}", "--config", config, "--redis", redis);
        var instance = new GatewayInstance(name, process, port, dataDirectory);
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Wait.UntilReadyAsync(http, process);
        }
        catch
        {
            instance.Dispose();
            throw;
        }

        // Read from here on, so that log lines under load never fill the pipe and stall the server.
        _ = process.StandardError.ReadToEndAsync();
        return instance;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

    /// <summary>SIGKILL: no drain, no flush; whatever was not durable is lost.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
