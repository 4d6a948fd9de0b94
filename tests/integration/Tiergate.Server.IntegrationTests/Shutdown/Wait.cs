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
}
