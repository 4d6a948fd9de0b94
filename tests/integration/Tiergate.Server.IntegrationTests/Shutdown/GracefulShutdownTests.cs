using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Shutdown;

/// <summary>
/// <c>tiergate serve</c> as a real process, stopped with SIGTERM while a stream is in flight: it stops taking
/// requests, lets the stream finish (or cuts it at <c>server.shutdown_timeout</c>), flushes the audit log and exits 0.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_StreamInFlight_StreamCompletesNewRequestsRefusedExitsZeroAndChainHoldsItsRecord()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.HoldStreamAfterFirstChunk = hold;
        upstream.Answer = "one two three four five";
        var (cli, config, key) = await PrepareAsync(upstream, "20s");
        var port = ServeReadiness.FreePort();
        using var server = cli.Start("serve", "--config", config, "--settings", Path.Combine(cli.DataDirectory, "settings.yaml"), "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Wait.UntilReadyAsync(http, server);
            var output = DrainOutput(server);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var streaming = http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
            await Wait.UntilAsync(() => !upstream.Requests.IsEmpty);
            await SignalAsync(server, "TERM");
            var refusal = await RefusedWithinAsync(port, key);
            var stillServing = !server.HasExited;
            hold.SetResult();
            using var response = await streaming;
            var body = await response.Content.ReadAsStringAsync();
            var exited = await ExitAsync(server, TimeSpan.FromSeconds(60));

            Assert.True(refusal is "connection refused" or "503 shutting_down/not ready", refusal);
            Assert.True(stillServing, "the process exited before the stream in flight finished");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("one two three four five", StreamText.Of(body));
            Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
            Assert.True(exited, "tiergate serve did not exit after the drain");
            Assert.True(server.ExitCode == 0, $"exit {server.ExitCode}: {await output}");
        }
        finally
        {
            hold.TrySetResult();
            Stop(server);
        }

        var (verifyExit, verifyOut, verifyErr) = await cli.RunAsync("audit", "verify", "--config", config);
        Assert.True(verifyExit == 0, verifyOut + verifyErr);
        Assert.Equal(1, await CountAsync(cli, "gateway.request"));
    }

    [Fact]
    public async Task Sigterm_StreamLongerThanTheDeadline_CutAtTheDeadlineAndExitsZero()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.HoldStreamAfterFirstChunk = hold;
        upstream.Answer = "one two three four five";
        var (cli, config, key) = await PrepareAsync(upstream, "2s");
        var port = ServeReadiness.FreePort();
        using var server = cli.Start("serve", "--config", config, "--settings", Path.Combine(cli.DataDirectory, "settings.yaml"), "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(90) };
            await Wait.UntilReadyAsync(http, server);
            var output = DrainOutput(server);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var streaming = ReadWholeAsync(http);
            await Wait.UntilAsync(() => !upstream.Requests.IsEmpty);
            var signalled = Stopwatch.StartNew();
            await SignalAsync(server, "TERM");
            var exited = await ExitAsync(server, TimeSpan.FromSeconds(60));
            var stoppedAfter = signalled.Elapsed;
            var (completed, body) = await streaming;

            Assert.True(exited, "tiergate serve did not exit after the deadline");
            Assert.True(server.ExitCode == 0, $"exit {server.ExitCode}: {await output}");
            Assert.True(stoppedAfter >= TimeSpan.FromSeconds(1.5), $"stopped after {stoppedAfter}: before the 2 s deadline");
            // The log line is what tells this deadline's cut from the host's own stop timeout (2 s + 10 s), which would also end it.
            Assert.True(stoppedAfter < TimeSpan.FromSeconds(30), $"stopped after {stoppedAfter}");
            Assert.False(completed && body.Contains("data: [DONE]", StringComparison.Ordinal), "the held stream was reported complete");
            Assert.Contains("requests still in flight were cut", await output, StringComparison.Ordinal);
        }
        finally
        {
            hold.TrySetResult();
            Stop(server);
        }

        var (verifyExit, verifyOut, verifyErr) = await cli.RunAsync("audit", "verify", "--config", config);
        Assert.True(verifyExit == 0, verifyOut + verifyErr);
        Assert.Equal(1, await CountAsync(cli, "gateway.request"));
    }

    /// <summary>A user and key in a fresh data directory, the default policy pointed at <paramref name="upstream"/>, and <c>server.shutdown_timeout</c>.</summary>
    private static async Task<(TiergateCli Cli, string Config, string Key)> PrepareAsync(FakeUpstream upstream, string shutdownTimeout)
    {
        var cli = TiergateCli.InTempDirectory();
        Directory.CreateDirectory(cli.DataDirectory);
        var config = Path.Combine(cli.DataDirectory, "policy.yaml");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));
        await File.WriteAllTextAsync(config, sample.Replace("base_url: builtin:sample", $"base_url: {upstream.BaseUrl}", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "settings.yaml"), $"server:\n  shutdown_timeout: {shutdownTimeout}\n");
        Assert.Equal(0, (await cli.RunAsync("users", "add", "--email", "drain@example.org", "--config", config)).Exit);
        var (exit, json) = await cli.JsonAsync("keys", "create", "--user", "drain@example.org", "--config", config);
        Assert.Equal(0, exit);
        return (cli, config, (string)json["key"]!);
    }

    /// <summary>How a new request fares once the signal is handled: a refused connection (Kestrel stopped listening) or a 503; fails if it is still served after 30 s.</summary>
    private static async Task<string> RefusedWithinAsync(int port, string key)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            // A new client each time: a new connection, as a load balancer's next request or probe would open.
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            try
            {
                using var ready = await http.GetAsync("/readyz");
                using var request = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));
                if (ready.StatusCode == HttpStatusCode.ServiceUnavailable && request.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal("shutting_down", await Chat.ErrorCodeAsync(request));
                    return "503 shutting_down/not ready";
                }
            }
            catch (HttpRequestException)
            {
                return "connection refused";
            }

            await Task.Delay(50);
        }

        return "still served 30 s after SIGTERM";
    }

    private static async Task<(bool Completed, string Body)> ReadWholeAsync(HttpClient http)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
            return (true, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (false, "");
        }
    }

    /// <summary>Reads the process's output to the end (so its pipes never fill) and returns it all.</summary>
    private static async Task<string> DrainOutput(Process server)
    {
        var stdout = server.StandardOutput.ReadToEndAsync();
        var stderr = server.StandardError.ReadToEndAsync();
        return await stdout + await stderr;
    }

    private static async Task SignalAsync(Process server, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<bool> ExitAsync(Process server, TimeSpan limit)
    {
        try
        {
            await server.WaitForExitAsync().WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void Stop(Process server)
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    private static async Task<int> CountAsync(TiergateCli cli, string action)
    {
        var database = TiergateDatabase.Open(new StorageOptions(cli.DataDirectory));
        await using var db = database.CreateContext();
        var count = await db.Set<Tiergate.Storage.Audit.AuditRecordEntity>().CountAsync(r => r.Action == action);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return count;
    }
}
