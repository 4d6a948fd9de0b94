using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

/// <summary>A variant's <c>modalities</c> and <c>upstream.pass_through</c>: what it may be sent besides OpenAI's text parameters.</summary>
public sealed class VariantInputPolicyTests
{
    private static string Policy(string variantExtra, string upstreamExtra = "") => $$"""
        variants:
          - name: standard
            upstream:
              base_url: http://localhost:8000/v1
              model: m
        {{upstreamExtra}}
        {{variantExtra}}
        policies:
          - id: aup
            version: "1"
            prohibited: [harm]
            threat_model: t
            rationale: r
        tiers:
          - name: general
            variants: [standard]
            policy: aup
        """;

    [Fact]
    public void Load_NoModalitiesOrPassThrough_TextOnlyAndNothingPassedThrough()
    {
        var result = PolicyLoader.Load(Policy(""));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var variant = result.Policy!.VariantsByName["standard"];
        Assert.Equal(Modalities.Text, variant.Modalities);
        Assert.False(variant.Upstream.PassesThrough("chat_template_kwargs"));
    }

    [Fact]
    public void Load_ModalitiesAndPassThrough_AreRead()
    {
        var result = PolicyLoader.Load(Policy("    modalities: [text, image, audio]", "      pass_through: [chat_template_kwargs, guided_choice]"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var variant = result.Policy!.VariantsByName["standard"];
        Assert.Equal(Modalities.Text | Modalities.Image | Modalities.Audio, variant.Modalities);
        Assert.True(variant.Upstream.PassesThrough("chat_template_kwargs"));
        Assert.True(variant.Upstream.PassesThrough("guided_choice"));
        Assert.False(variant.Upstream.PassesThrough("chat_template"));
    }

    [Fact]
    public void Load_ImageWithoutText_TextIsStillAllowed()
    {
        var result = PolicyLoader.Load(Policy("    modalities: [image]"));

        Assert.Equal(Modalities.Text | Modalities.Image, result.Policy!.VariantsByName["standard"].Modalities);
    }

    [Theory]
    [InlineData("    modalities: [text, video]", "variants[0].modalities[1]: expected one of: text, image, audio, file")]
    [InlineData("    modalities: [image, image]", "variants[0].modalities[1]: 'image' is listed twice")]
    [InlineData("    modalities: image", "variants[0].modalities: expected a list")]
    [InlineData("    modalities: [[text]]", "variants[0].modalities[0]: expected one of: text, image, audio, file")]
    public void Load_BadModalities_ReportedWithPath(string yaml, string expected)
    {
        var errors = PolicyLoader.Load(Policy(yaml)).Errors.Select(e => $"{e.Path}: {e.Message}").ToList();

        Assert.Contains(expected, errors);
    }

    [Theory]
    [InlineData("      pass_through: [tools]", "variants[0].upstream.pass_through[0]: 'tools' is a Chat Completions parameter")]
    [InlineData("      pass_through: [stop]", "variants[0].upstream.pass_through[0]: 'stop' is a Chat Completions parameter")]
    [InlineData("      pass_through: [{ name: x }]", "variants[0].upstream.pass_through[0]: expected a parameter name")]
    [InlineData("      pass_through: [[chat_template]]", "variants[0].upstream.pass_through[0]: expected a parameter name")]
    [InlineData("      pass_through: [true]", "variants[0].upstream.pass_through[0]: expected a parameter name")]
    [InlineData("      pass_through: [\"has space\"]", "variants[0].upstream.pass_through[0]: expected a parameter name")]
    [InlineData("      pass_through: [guided_choice, guided_choice]", "variants[0].upstream.pass_through[1]: 'guided_choice' is listed twice")]
    [InlineData("      pass_through: chat_template", "variants[0].upstream.pass_through: expected a list")]
    public void Load_BadPassThrough_ReportedWithPath(string yaml, string expectedStart)
    {
        var result = PolicyLoader.Load(Policy("", yaml));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => $"{e.Path}: {e.Message}".StartsWith(expectedStart, StringComparison.Ordinal));
    }
}
