using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tiergate.CrashTests;

/// <summary>The built <c>tiergate serve</c>, run as a child process that the test can SIGKILL.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "tiergate.dll");

    public static async Task<(int Exit, string Out, string Err)> RunCliAsync(string dataDirectory, string config, params string[] args)
    {
        using var process = Process.Start(StartInfo(dataDirectory, config, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, string config)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(StartInfo(dataDirectory, config, ["serve", "--urls", url]))!;
        _ = process.StandardError.ReadToEndAsync();
        var line = await ReadyLineAsync(process.StandardOutput).WaitAsync(TimeSpan.FromSeconds(60));
        _ = process.StandardOutput.ReadToEndAsync();
        if (line is null || !line.Contains("listening", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"tiergate serve did not start: {line}");
        }

        return new ServerProcess(process, new Uri(url));
    }

    /// <summary>The line that says the server listens, past any log lines before it (e.g. the console's first key generation); null if output ends first.</summary>
    private static async Task<string?> ReadyLineAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("Tiergate listening", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was not durable is lost.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, string config, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(dataDirectory);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);
        info.Environment["DOTNET_gcServer"] = "0";
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
