namespace Tiergate.Server.IntegrationTests.Deployment.MultiInstance;

/// <summary>
/// The sample policy made fit for the cluster test: <c>standard</c> on the fake model server with <c>general</c>'s
/// limits out of the way (the load must not hit them), and a <c>metered</c> variant and tier (granted, not automatic)
/// whose small daily token quota is what several instances must not overspend together.
/// </summary>
internal static class ClusterPolicy
{
    public static string From(string sample, string upstream, string meteredUpstream, int meteredTokensPerDay)
    {
        var text = Replace(sample, "      base_url: builtin:sample\n      model: sample-standard\n", $"      base_url: {upstream}\n      model: sample-standard\n");
        text = Replace(text, "      requests_per_minute: 60\n      tokens_per_day: 200000\n", "      requests_per_minute: 100000000\n      tokens_per_day: 100000000000\n");
        text = Replace(text, "\npolicies:\n", $$"""

              - name: metered
                description: The standard model behind a slow model server, for the shared quota.
                upstream:
                  base_url: {{meteredUpstream}}
                  model: metered
                mitigations:
                  refusal_training: standard
                  data_filtered: true
                  notes: Test variant.

            policies:

            """);
        return Replace(text, "\nsafeguards:\n", $$"""

              - name: metered
                description: A small daily token quota, shared by every gateway.
                variants: [metered]
                policy: general-use
                identity: email
                limits:
                  requests_per_minute: 1000
                  tokens_per_day: {{meteredTokensPerDay}}
                  max_output_tokens: 1024
                monitoring:
                  level: standard
                  privacy: full
                safeguards:
                  input:  { bio: block, chem: block, radnuc: block, cyber: block }
                  output: { bio: block, chem: block, radnuc: block, cyber: block }

            safeguards:

            """);
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"samples/tiergate.yaml no longer holds '{from.Trim()}'");
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
