using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// Base of a browser test class: a fresh context and page per test (nothing shared between tests but
/// Chromium itself), more contexts for more people in one journey (<see cref="NewPersonAsync"/>),
/// screenshots at both widths, and on failure a screenshot and the HTML of every open page.
/// Derived classes carry <c>[Collection(BrowserCollection.Name)]</c> and use <see cref="BrowserFactAttribute"/>.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The first person's context and page, opened before the test runs.</summary>
    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Where failures leave their screenshot and HTML: <c>browser-failures/</c> in the test output.</summary>
    public static string FailureFolder => Path.Combine(AppContext.BaseDirectory, "browser-failures");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return; // the test itself is skipped (BrowserFact) with the reason.
        }

        Output.WriteLine($"Chromium started in {browser.LaunchTime.TotalMilliseconds:F0} ms (once per collection).");
        (Context, Page) = await NewPersonAsync();
    }

    /// <summary>Another person at another browser (own cookies and storage), e.g. a second reviewer.</summary>
    protected async Task<(IBrowserContext Context, IPage Page)> NewPersonAsync()
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = Screenshots.Desktop,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Screenshots of <paramref name="page"/> at phone and desktop widths (<see cref="Screenshots"/>).</summary>
    protected async Task<ScreenshotPair> ScreenshotAsync(IPage page, string name)
    {
        var pair = await Screenshots.TakeAsync(page, name);
        Output.WriteLine($"screenshots: {pair.Phone}, {pair.Desktop}");
        return pair;
    }

    /// <summary>
    /// Runs a journey; if it throws, saves a full-page screenshot and the HTML of every open page under
    /// <see cref="FailureFolder"/>, names them in the test output, and rethrows.
    /// </summary>
    protected async Task CaptureOnFailureAsync(Func<Task> journey, [CallerMemberName] string test = "")
    {
        try
        {
            await journey();
        }
        catch (Exception)
        {
            await SaveOpenPagesAsync(test);
            throw;
        }
    }

    private async Task SaveOpenPagesAsync(string test)
    {
        Directory.CreateDirectory(FailureFolder);
        var pages = _contexts.SelectMany(c => c.Pages).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var stem = Path.Combine(FailureFolder, $"{Screenshots.SafeName(GetType().Name + "-" + test)}-{i}");
            try
            {
                await pages[i].ScreenshotAsync(new() { Path = stem + ".png", FullPage = true, Timeout = 5_000 });
                await File.WriteAllTextAsync(stem + ".html", await pages[i].ContentAsync());
                Output.WriteLine($"failure: page {i} at {pages[i].Url} saved as {stem}.png and {stem}.html");
            }
            catch (PlaywrightException e)
            {
                Output.WriteLine($"failure: page {i} at {pages[i].Url} could not be saved: {e.Message}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}
