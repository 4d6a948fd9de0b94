using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

/// <summary><c>tiers[].retention</c>: each tier's own durations, defaults by privacy mode, bad values refused with their path.</summary>
public sealed class RetentionPolicyTests
{
    private const string Head = MinimalPolicy.Head;

    [Fact]
    public void Load_RetentionPerTier_ReadsEachTiersDurations()
    {
        var result = PolicyLoader.Load(Head + """
              - { name: a, variants: [standard], policy: aup, retention: { usage_events: 10m, alerts: 12h } }
              - { name: b, variants: [standard], policy: aup, retention: { usage_events: 45d, alerts: 400d } }
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(new TierRetention(TimeSpan.FromMinutes(10), TimeSpan.FromHours(12)), result.Policy!.TiersByName["a"].Retention);
        Assert.Equal(new TierRetention(TimeSpan.FromDays(45), TimeSpan.FromDays(400)), result.Policy.TiersByName["b"].Retention);
    }

    [Fact]
    public void Load_NoRetention_DefaultsShorterForPrivacyRestrictedTiers()
    {
        var result = PolicyLoader.Load(Head + """
              - { name: full, variants: [standard], policy: aup }
              - { name: meta, variants: [standard], policy: aup, monitoring: { privacy: metadata-only } }
              - { name: agg, variants: [standard], policy: aup, monitoring: { privacy: aggregate }, retention: { alerts: 30d } }
            """);

        Assert.Empty(result.Errors);
        var tiers = result.Policy!.TiersByName;
        Assert.Equal(new TierRetention(TimeSpan.FromDays(90), TimeSpan.FromDays(365)), tiers["full"].Retention);
        Assert.Equal(new TierRetention(TimeSpan.FromDays(30), TimeSpan.FromDays(365)), tiers["meta"].Retention);
        Assert.Equal(new TierRetention(TimeSpan.FromDays(30), TimeSpan.FromDays(30)), tiers["agg"].Retention);
    }

    [Fact]
    public void Load_BadRetentionValues_RefusedWithTheirPaths()
    {
        var result = PolicyLoader.Load(Head + """
              - { name: a, variants: [standard], policy: aup, retention: { usage_events: 90, alerts: -3d } }
              - { name: b, variants: [standard], policy: aup, retention: { usage_events: 30s, alerts: 1y, audit: 7d } }
              - { name: c, variants: [standard], policy: aup, retention: forever }
            """);

        var errors = result.Errors.Select(e => $"{e.Path}: {e.Message}").ToList();
        Assert.Null(result.Policy);
        Assert.Contains("tiers[0].retention.usage_events: expected a duration such as 30d, 12h, 10m or 90s, got '90'", errors);
        Assert.Contains("tiers[0].retention.alerts: expected a duration such as 30d, 12h, 10m or 90s, got '-3d'", errors);
        Assert.Contains("tiers[1].retention.usage_events: must be at least 1m, got '30s'", errors);
        Assert.Contains("tiers[1].retention.alerts: expected a duration such as 30d, 12h, 10m or 90s, got '1y'", errors);
        Assert.Contains("tiers[1].retention.audit: unknown key", errors);
        Assert.Contains("tiers[2].retention: expected a mapping", errors);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("12h", 43_200)]
    [InlineData("30d", 2_592_000)]
    public void TryParse_WholeNumberAndUnit_ParsesAndFormatsBack(string text, long seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        Assert.Equal(text, DurationText.Format(duration));
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("1.5d")]
    [InlineData("+3d")]
    [InlineData("3 d")]
    [InlineData("3w")]
    [InlineData("99999999999d")]
    public void TryParse_NotADuration_False(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
