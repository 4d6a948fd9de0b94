namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// A test that needs Chromium. Without it the test is reported as skipped with the reason (never a quiet
/// pass); scripts/test prints the count of skipped tests and fails the run under CI=true.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
