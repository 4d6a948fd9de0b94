using Tiergate.Core.Monitoring;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

public sealed class MonitoringPolicyTests
{
    private const string Head = """
        variants:
          - name: standard
            upstream: { base_url: "http://127.0.0.1:9/v1", model: m }
          - name: open
            upstream: { base_url: "http://127.0.0.1:9/v1", model: m }
        policies:
          - id: aup
            version: "1"
            permitted: [research]
            prohibited: [weapons]
            threat_model: misuse
            rationale: research
        tiers:
          - name: research
            variants: [standard, open]
            policy: aup

        """;

    [Fact]
    public void Load_MonitoringBlock_ReadsThresholdsResponsesAndFallback()
    {
        var yaml = Head + """
                monitoring:
                  level: enhanced
                  privacy: aggregate
                  aggregate_min_users: 7
                  fallback_variant: standard
                  purpose: [bio]
                  detectors:
                    impossible_travel: { max_kmh: 900 }
                    automation: { enabled: false }
                  responses:
                    - { detector: circumvention, action: fallback, mode: automatic }
                    - { detector: key_sharing, action: suspend-key }
            """;

        var result = PolicyLoader.Load(yaml);

        Assert.Empty(result.Errors);
        var m = result.Policy!.TiersByName["research"].Monitoring;
        Assert.Equal(PrivacyMode.Aggregate, m.Privacy);
        Assert.Equal(7, m.AggregateMinUsers);
        Assert.Equal("standard", m.FallbackVariant);
        Assert.Equal(["bio"], m.Purpose!);
        Assert.Equal(900, m.Threshold(DetectorCatalogue.ImpossibleTravel, "max_kmh"));
        Assert.Equal(500, m.Threshold(DetectorCatalogue.ImpossibleTravel, "min_km"));
        Assert.False(m.Enabled(DetectorCatalogue.Automation));
        Assert.True(m.Enabled(DetectorCatalogue.KeySharing));
        Assert.Equal([new MonitoringResponse("circumvention", ResponseAction.Fallback, true), new MonitoringResponse("key_sharing", ResponseAction.SuspendKey, false)], m.Responses);
    }

    [Fact]
    public void Load_NoMonitoringBlock_UsesDocumentedDefaults()
    {
        var m = PolicyLoader.Load(Head).Policy!.TiersByName["research"].Monitoring;

        Assert.Equal(PrivacyMode.Full, m.Privacy);
        Assert.Empty(m.Responses);
        Assert.Null(m.Purpose);
        foreach (var (detector, parameters) in DetectorCatalogue.Parameters)
        {
            Assert.True(m.Enabled(detector));
            Assert.All(parameters, p => Assert.Equal(p.Default, m.Threshold(detector, p.Name)));
        }
    }

    [Fact]
    public void Load_BadMonitoringBlock_ReportsEveryErrorWithItsPath()
    {
        var yaml = Head + """
                monitoring:
                  privacy: secret
                  fallback_variant: missing
                  aggregate_min_users: 1
                  detectors:
                    telepathy: { x: 1 }
                    impossible_travel: { max_kmh: 5, colour: red }
                  responses:
                    - { detector: nope, action: notify }
                    - { detector: circumvention, action: explode }
                    - { detector: circumvention, action: notify, mode: sometimes }
            """;

        var errors = PolicyLoader.Load(yaml).Errors.Select(e => $"{e.Path}: {e.Message}").ToList();

        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.privacy: unknown value 'secret'", StringComparison.Ordinal));
        Assert.Contains("tiers[0].monitoring.fallback_variant: 'missing' is not one of the tier's variants", errors);
        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.aggregate_min_users:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.detectors.telepathy: unknown detector", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.detectors.impossible_travel.max_kmh:", StringComparison.Ordinal));
        Assert.Contains("tiers[0].monitoring.detectors.impossible_travel.colour: unknown key", errors);
        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.responses[0].detector: unknown detector", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.responses[1].action: unknown value 'explode'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("tiers[0].monitoring.responses[2].mode: unknown value 'sometimes'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FallbackResponseWithoutFallbackVariant_IsAnError()
    {
        var yaml = Head + """
                monitoring:
                  responses:
                    - { detector: circumvention, action: fallback, mode: automatic }
            """;

        var errors = PolicyLoader.Load(yaml).Errors.Select(e => $"{e.Path}: {e.Message}").ToList();

        Assert.Contains("tiers[0].monitoring.responses: a fallback response needs monitoring.fallback_variant", errors);
    }

    [Fact]
    public void Sample_MedicalResearch_IsMetadataOnlyWithBioPurpose()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));
        var m = PolicyLoader.Load(sample).Policy!.TiersByName["medical-research"].Monitoring;

        Assert.Equal(PrivacyMode.MetadataOnly, m.Privacy);
        Assert.Equal(["bio"], m.Purpose!);
        Assert.Contains(m.Responses, r => r.Detector == DetectorCatalogue.OutsidePurpose);
    }
}
