using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of a page at a phone's width and a desktop's. They go to <c>screenshots/</c> in the test
/// output, or to the folder named by <c>TIERGATE_SCREENSHOTS</c> (how docs/screenshots/ is refreshed:
/// tests/README.md).
/// </summary>
public static partial class Screenshots
{
    public const string FolderVariable = "TIERGATE_SCREENSHOTS";

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    public static string Folder =>
        Path.GetFullPath(Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "screenshots"));

    /// <summary>Writes <c>NAME-phone.png</c> and <c>NAME-desktop.png</c> (whole page) and puts the page back at its size.</summary>
    public static async Task<ScreenshotPair> TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var before = page.ViewportSize is { } size ? new ViewportSize { Width = size.Width, Height = size.Height } : Desktop;
        var file = SafeName(name);
        var phone = Path.Combine(Folder, file + "-phone.png");
        var desktop = Path.Combine(Folder, file + "-desktop.png");
        try
        {
            await ShootAsync(page, Phone, phone);
            await ShootAsync(page, Desktop, desktop);
        }
        finally
        {
            await page.SetViewportSizeAsync(before.Width, before.Height);
        }

        return new ScreenshotPair(phone, desktop);
    }

    /// <summary>Lower-case letters, digits and dashes only, so that a name cannot leave the folder.</summary>
    public static string SafeName(string name) => UnsafeCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-');

    private static async Task ShootAsync(IPage page, ViewportSize size, string path)
    {
        await page.SetViewportSizeAsync(size.Width, size.Height);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex UnsafeCharacters();
}
