using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests.Identity;

public sealed class IdentityMaxAgePolicyTests
{
    private static PolicyLoadResult Load(string tierExtra) => PolicyLoader.Load($$"""
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - name: t
            variants: [standard]
            policy: aup
        {{tierExtra}}
        """);

    [Fact]
    public void Load_MaxAgeOnVerifiedTier_Read()
    {
        var loaded = Load("    identity: verified\n    identity_max_age_days: 730");

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        Assert.Equal(730, loaded.Policy!.Tiers[0].IdentityMaxAgeDays);
    }

    [Theory]
    [InlineData("    identity_max_age_days: 30", "needs identity")]
    [InlineData("    identity: verified\n    identity_max_age_days: 0", "identity_max_age_days")]
    [InlineData("    identity: verified\n    identity_max_age_days: often", "identity_max_age_days")]
    public void Load_BadMaxAge_ErrorWithItsPath(string extra, string expected)
    {
        var loaded = Load(extra);

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.ToString()!.Contains(expected, StringComparison.Ordinal) && e.ToString()!.Contains("tiers[0].identity_max_age_days", StringComparison.Ordinal));
    }
}
