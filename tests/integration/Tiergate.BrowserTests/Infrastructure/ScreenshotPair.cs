namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>The two files <see cref="Screenshots.TakeAsync"/> wrote for one page.</summary>
public sealed record ScreenshotPair(string Phone, string Desktop);
