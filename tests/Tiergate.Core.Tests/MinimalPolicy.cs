namespace Tiergate.Core.Tests;

/// <summary>The smallest policy a tier needs around it: one variant, one usage policy, and the <c>tiers:</c> key the test's tiers follow.</summary>
internal static class MinimalPolicy
{
    public const string Head = """
        variants:
          - name: standard
            upstream: { base_url: "http://127.0.0.1:9/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [weapons], threat_model: misuse, rationale: research }
        tiers:

        """;
}
