using System.Buffers.Binary;
using Tiergate.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace Tiergate.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [BrowserFact]
    public async Task ScreenshotAsync_FormPage_PngsAtPhoneAndDesktopWidthAndViewportRestored()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await Page.GotoAsync(site.Url("/test/form.html"));
        await Page.SetViewportSizeAsync(1000, 700);

        var pair = await ScreenshotAsync(Page, "Browser test / form");

        Assert.Equal(Screenshots.Folder, Path.GetDirectoryName(pair.Phone));
        Assert.Equal("browser-test-form-phone.png", Path.GetFileName(pair.Phone));
        Assert.Equal("browser-test-form-desktop.png", Path.GetFileName(pair.Desktop));
        AssertPng(pair.Phone, Screenshots.Phone.Width, Screenshots.Phone.Height);
        AssertPng(pair.Desktop, Screenshots.Desktop.Width, Screenshots.Desktop.Height);
        Assert.Equal(1000, Page.ViewportSize!.Width);
        Assert.Equal(700, Page.ViewportSize.Height);
    }

    [BrowserFact]
    public async Task CaptureOnFailureAsync_JourneyThrows_ScreenshotAndHtmlSavedAndFailureKept()
    {
        await using var site = await TestSite.StartAsync(TestPageEndpoints.Map);
        await Page.GotoAsync(site.Url("/test/form.html"));
        var stem = Path.Combine(FailureFolder, Screenshots.SafeName($"{nameof(ScreenshotTests)}-{nameof(CaptureOnFailureAsync_JourneyThrows_ScreenshotAndHtmlSavedAndFailureKept)}") + "-0");
        Directory.CreateDirectory(FailureFolder);
        File.Delete(stem + ".png");
        File.Delete(stem + ".html");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => CaptureOnFailureAsync(() => throw new InvalidOperationException("journey broke")));

        Assert.Equal("journey broke", thrown.Message);
        Assert.True(new FileInfo(stem + ".png").Length > 0);
        Assert.Contains("<label for=\"display-name\">Display name</label>", await File.ReadAllTextAsync(stem + ".html"));
    }

    /// <summary>A PNG whose IHDR width is <paramref name="width"/> and height at least the viewport's (the whole page).</summary>
    private static void AssertPng(string path, int width, int minimumHeight)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} holds only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)) >= minimumHeight);
    }
}
