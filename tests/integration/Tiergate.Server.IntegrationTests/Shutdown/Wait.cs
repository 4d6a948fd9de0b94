using System.Diagnostics;

namespace Tiergate.Server.IntegrationTests.Shutdown;

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every 50 ms; fails after 30 s.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited++)
        {
            Assert.True(waited < 600, "timed out waiting");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits for <c>/readyz</c> for up to two minutes (a cold start on a loaded 2-core machine can take longer than
    /// ServeReadiness' 30 s); fails at once, with its stderr, if <paramref name="server"/> exits first.
    /// </summary>
    public static async Task UntilReadyAsync(HttpClient http, Process server)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(server.HasExited, server.HasExited ? $"tiergate serve exited: {await server.StandardError.ReadToEndAsync()}" : "");
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

            Assert.True(DateTimeOffset.UtcNow < deadline, "tiergate serve did not become ready in 2 minutes");
            await Task.Delay(100);
        }
    }
}
