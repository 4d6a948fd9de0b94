using System.Diagnostics;
using Microsoft.Playwright;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// One Playwright driver and one Chromium for a whole test collection (<see cref="BrowserCollection"/>);
/// each test gets its own context (cookies, storage) from <see cref="BrowserTest"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.MissingReason);

    /// <summary>How long starting the driver and Chromium took, for the timings in the test output.</summary>
    public TimeSpan LaunchTime { get; private set; }

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return; // every [BrowserFact] is skipped with the reason; nothing to launch.
        }

        var watch = Stopwatch.StartNew();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        LaunchTime = watch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
