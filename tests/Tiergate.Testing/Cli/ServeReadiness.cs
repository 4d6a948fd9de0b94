using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tiergate.Testing.Cli;

/// <summary>For tests that start <c>tiergate serve</c> as a process: a free port to give it, and waiting until it answers <c>/readyz</c>.</summary>
public static class ServeReadiness
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits up to 30 s for <c>/readyz</c>; fails at once, with its stderr, if <paramref name="server"/> exits first.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient http, Process? server = null)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            if (server is { HasExited: true })
            {
                Assert.Fail($"tiergate serve exited: {await server.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "tiergate serve did not become ready");
            await Task.Delay(100);
        }
    }
}
