using Microsoft.Playwright;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium, the only browser these tests use: no browser can be downloaded here, so
/// Playwright is pointed at the system binary instead of its own build (`playwright install`).
/// </summary>
public static class Chromium
{
    /// <summary>Overrides <see cref="DefaultPath"/>, e.g. for a developer's machine with Chromium elsewhere.</summary>
    public const string PathVariable = "TIERGATE_CHROMIUM";

    public const string DefaultPath = "/usr/bin/chromium";

    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string MissingReason =>
        $"SKIPPED: no Chromium at {ExecutablePath}, so the browser tests cannot run. scripts/test installs it " +
        $"(apt-get install chromium); or set {PathVariable}. Under CI=true scripts/test fails on any skipped test.";

    /// <summary>
    /// Headless, without the sandbox (as root Chromium refuses to start with it) and without the
    /// background traffic (updates, sync, safe browsing lists) that would reach for the network.
    /// </summary>
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    };
}
