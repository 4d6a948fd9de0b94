using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Tiergate.Testing.Cli;

namespace Tiergate.Testing.Redis;

/// <summary>
/// A private <c>redis-server</c> for one test class, on a free loopback port, with no persistence: tests can
/// stop it mid-load and start it again on the same port. Without <c>redis-server</c> installed the test fails
/// (it never passes silently): run scripts/test, which installs it (scripts/lib/redis.sh).
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private RedisTestServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    private string LogFile => Path.Combine(_directory, "redis.log");

    /// <summary>StackExchange.Redis connection string (and the form <c>serve --redis</c> takes).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisTestServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tiergate-redis-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new RedisTestServer(ServeReadiness.FreePort(), directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Path of the redis-server binary, or a loud failure saying how to get one.</summary>
    public static string Binary()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        Assert.False(found is null,
            "REDIS TESTS CANNOT RUN: redis-server is not installed. Run scripts/test (it installs redis-server with apt-get), or apt-get install redis-server.");
        return found!;
    }

    /// <summary>Starts the server (again) on the same port; returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(Binary()) { RedirectStandardOutput = false, UseShellExecute = false };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, "--logfile", LogFile, "--protected-mode", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        var waited = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited)
            {
                Assert.Fail($"redis-server exited: {(File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "no log")}");
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "redis-server did not answer PING within 15 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server at once (as a crash or a network cut would look to the gateway).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
