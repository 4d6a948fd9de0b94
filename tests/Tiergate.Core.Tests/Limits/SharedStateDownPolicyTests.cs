using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests.Limits;

public sealed class SharedStateDownPolicyTests
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

    [Theory]
    [InlineData("", SharedStateDownMode.Local)]
    [InlineData("    identity: email", SharedStateDownMode.Local)]
    [InlineData("    identity: verified", SharedStateDownMode.Refuse)]
    [InlineData("    identity: affiliated", SharedStateDownMode.Refuse)]
    public void Load_NoSetting_DefaultFollowsIdentity(string extra, SharedStateDownMode expected)
    {
        var loaded = Load(extra);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        Assert.Equal(expected, loaded.Policy!.Tiers[0].Limits.WhenSharedStateDown);
    }

    [Theory]
    [InlineData("    identity: verified\n    limits: { when_shared_state_down: local }", SharedStateDownMode.Local)]
    [InlineData("    limits: { when_shared_state_down: refuse }", SharedStateDownMode.Refuse)]
    public void Load_Explicit_OverridesDefault(string extra, SharedStateDownMode expected)
    {
        var loaded = Load(extra);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        Assert.Equal(expected, loaded.Policy!.Tiers[0].Limits.WhenSharedStateDown);
    }

    [Fact]
    public void Load_UnknownMode_ErrorWithItsPath()
    {
        var loaded = Load("    limits: { when_shared_state_down: maybe }");

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.ToString()!.Contains("tiers[0].limits.when_shared_state_down", StringComparison.Ordinal));
    }
}
