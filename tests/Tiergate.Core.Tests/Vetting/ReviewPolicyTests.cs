using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests.Vetting;

public sealed class ReviewPolicyTests
{
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

    // Adds a line to the safety-research tier, just under its name.
    private static string WithSafetyResearch(string line) =>
        Sample.Replace("  - name: safety-research\n", $"  - name: safety-research\n    {line}\n", StringComparison.Ordinal);

    [Fact]
    public void Load_ReviewBlock_SetsTheTiersApprovals()
    {
        var result = PolicyLoader.Load(WithSafetyResearch("review: { approvals: 2 }"));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.Equal(2, result.Policy!.TiersByName["safety-research"].Review.Approvals);
        Assert.Equal(ReviewSettings.Default, result.Policy.TiersByName["general"].Review);
    }

    [Theory]
    [InlineData("review: { approvals: 0 }", "approvals")]
    [InlineData("review: { approvals: 11 }", "approvals")]
    [InlineData("review: { approvals: two }", "approvals")]
    [InlineData("review: { quorum: 2 }", "quorum")]
    public void Load_BadReviewBlock_ErrorWithItsPath(string line, string key)
    {
        var result = PolicyLoader.Load(WithSafetyResearch(line));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Matches($@"^tiers\[\d+\]\.review\.{key}$", error.Path);
    }
}
