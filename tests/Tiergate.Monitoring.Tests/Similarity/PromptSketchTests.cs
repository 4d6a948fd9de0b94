using System.Text;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Tests.Similarity;

/// <summary>Near-duplicate prompts sketch alike; unrelated ones do not.</summary>
public sealed class PromptSketchTests
{
    private const string Prompt = "how would someone culture a dangerous pathogen in a home lab and keep it alive for weeks";

    [Fact]
    public void Similarity_SameText_IsOne()
    {
        Assert.Equal(1.0, Sketch(Prompt).Similarity(Sketch(Prompt)));
    }

    [Fact]
    public void Similarity_SmallEdit_IsHigh()
    {
        var edited = Prompt.Replace("how would someone", "how could a person", StringComparison.Ordinal);

        Assert.InRange(Sketch(Prompt).Similarity(Sketch(edited)), 0.6, 1.0);
    }

    [Fact]
    public void Similarity_UnrelatedText_IsLow()
    {
        var other = "please summarise the quarterly sales figures for the northern region in a short table";

        Assert.InRange(Sketch(Prompt).Similarity(Sketch(other)), 0.0, 0.15);
    }

    [Fact]
    public void Of_EmptyText_IsNull_ShortTextStillSketches()
    {
        Assert.Null(PromptSketch.Of([]));
        Assert.Equal(1.0, Sketch("hi").Similarity(Sketch("hi")));
        Assert.True(Sketch("hi").Similarity(Sketch("yo")) < 0.5);
    }

    private static PromptSketch Sketch(string text) => PromptSketch.Of(Encoding.UTF8.GetBytes(text))!;
}
