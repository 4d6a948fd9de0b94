using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests.Vetting;

public sealed class ReviewPolicyTests
{
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

    // Adds a line to the general tier (which has no review block in the sample), just under its name.
    private static string WithGeneral(string line) =>
        Sample.Replace("  - name: general\n", $"  - name: general\n    {line}\n", StringComparison.Ordinal);

    [Fact]
    public void Load_ReviewBlock_SetsTheTiersApprovals()
    {
        var result = PolicyLoader.Load(WithGeneral("review: { approvals: 3 }"));
        var sample = PolicyLoader.Load(Sample).Policy!;

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.Equal(3, result.Policy!.TiersByName["general"].Review.Approvals);
        Assert.Equal(ReviewSettings.Default, sample.TiersByName["general"].Review);
        Assert.Equal(2, sample.TiersByName["safety-research"].Review.Approvals);
        Assert.Equal(2, sample.TiersByName["medical-research"].Review.Approvals);
    }

    [Theory]
    [InlineData("review: { approvals: 0 }", "approvals")]
    [InlineData("review: { approvals: 11 }", "approvals")]
    [InlineData("review: { approvals: two }", "approvals")]
    [InlineData("review: { quorum: 2 }", "quorum")]
    public void Load_BadReviewBlock_ErrorWithItsPath(string line, string key)
    {
        var result = PolicyLoader.Load(WithGeneral(line));

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Matches($@"^tiers\[\d+\]\.review\.{key}$", error.Path);
    }
}
