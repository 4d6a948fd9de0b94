using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

public sealed class PolicyLoaderTests
{
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

    [Fact]
    public void Load_ShippedDefaultPolicy_IsValidWithThreeTiers()
    {
        var result = PolicyLoader.Load(Sample);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["general", "safety-research", "medical-research"], result.Policy!.Tiers.Select(t => t.Name));
        Assert.Equal(["standard"], result.Policy.TiersByName["general"].Variants);
        Assert.Equal(["standard", "reduced-refusal"], result.Policy.TiersByName["safety-research"].Variants);
        Assert.Equal(["standard", "bio-research"], result.Policy.TiersByName["medical-research"].Variants);
        Assert.True(result.Policy.TiersByName["general"].AutoGrant);
        Assert.True(result.Policy.Variants.All(v => v.Upstream.IsBuiltinSample));
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryErrorWithItsPath()
    {
        var yaml = """
            variants:
              - name: standard
                upstream: { base_url: "ftp://nope", model: m }
              - name: standard
                upstream: { base_url: "http://localhost:8000/v1" }
            policies:
              - id: aup
                version: "1"
                threat_model: t
                rationale: r
            tiers:
              - name: general
                variants: [standard]
                policy: aup
              - name: research
                variants: [x, standard]
                policy: missing
                identity: godlike
                limits: { requests_per_minute: -1, colour: blue }
            """;

        var errors = PolicyLoader.Load(yaml).Errors.Select(e => $"{e.Path}: {e.Message}").ToList();

        Assert.Contains(errors, e => e.StartsWith("variants[0].upstream.base_url: expected an http(s) URL", StringComparison.Ordinal));
        Assert.Contains("variants[1].upstream.model: is required", errors);
        Assert.Contains("variants[1]: duplicate variant 'standard'", errors);
        Assert.Contains("policies[0].prohibited: at least one prohibited use is required", errors);
        Assert.Contains("tiers[1].variants[0]: unknown variant 'x'", errors);
        Assert.Contains("tiers[1].policy: unknown policy 'missing'", errors);
        Assert.Contains(errors, e => e.StartsWith("tiers[1].identity: unknown value 'godlike'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("tiers[1].limits.requests_per_minute: expected a whole number", StringComparison.Ordinal));
        Assert.Contains("tiers[1].limits.colour: unknown key", errors);
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void Load_NotYaml_ReportsLine()
    {
        var result = PolicyLoader.Load("variants: [unclosed\ntiers: {");

        var error = Assert.Single(result.Errors);
        Assert.Equal("(file)", error.Path);
        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData(50_000, true)]
    [InlineData(64, true)]
    [InlineData(63, false)]
    public void Load_DeeplyNested_ReportedNotAStackOverflow(int depth, bool tooDeep)
    {
        // The document's own mapping is the first level.
        var result = PolicyLoader.Load("variants: " + new string('[', depth) + new string(']', depth));

        Assert.False(result.IsValid);
        Assert.Equal(tooDeep, result.Errors.Any(e => e.Message.Contains("nested deeper than 64 levels", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_AutoGrantTierRequiringVerification_IsRejected()
    {
        var yaml = Sample.Replace("identity: email\n    auto_grant: true", "identity: verified\n    auto_grant: true", StringComparison.Ordinal);

        var errors = PolicyLoader.Load(yaml).Errors;

        Assert.Contains(errors, e => e.Path == "tiers[0].auto_grant");
    }

    [Fact]
    public void Load_EmptyDocument_SaysWhatIsExpected()
    {
        Assert.False(PolicyLoader.Load("").IsValid);
        Assert.False(PolicyLoader.Load("just a string").IsValid);
    }
}
