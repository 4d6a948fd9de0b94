using System.Text;
using Tiergate.Bench.Monitoring.Simulation;

namespace Tiergate.Bench.Monitoring.Tests;

/// <summary>The similarity claims of the README: rewordings and sweeps are near-duplicates, batch prompts and ordinary prompts are not.</summary>
public sealed class PromptTextTests
{
    [Fact]
    public void Rephrase_OfAHazardPrompt_SharesMostShingles()
    {
        var original = PromptText.Render(new PromptSpec(PromptKind.Hazard, 42, 3));
        for (var i = 0; i < 6; i++)
        {
            var reworded = PromptText.Render(new PromptSpec(PromptKind.Rephrase, 42, 3, i));
            Assert.NotEqual(original, reworded);
            Assert.True(Jaccard(original, reworded) > 0.5, $"{original} / {reworded}");
        }
    }

    [Fact]
    public void Sweep_Items_AreNearDuplicates()
    {
        var a = PromptText.Render(new PromptSpec(PromptKind.Sweep, 9, 0, 1));
        var b = PromptText.Render(new PromptSpec(PromptKind.Sweep, 9, 0, 17));
        Assert.NotEqual(a, b);
        Assert.True(Jaccard(a, b) > 0.6, $"{a} / {b}");
    }

    [Fact]
    public void Batch_PromptsOfOneJob_ShareLittle()
    {
        var a = PromptText.Render(new PromptSpec(PromptKind.Batch, 100, 2));
        var b = PromptText.Render(new PromptSpec(PromptKind.Batch, 101, 2));
        Assert.True(Jaccard(a, b) < 0.35, $"{a} / {b}");
    }

    [Fact]
    public void Natural_ManyPrompts_VariedWithDigitsPunctuationAndNonLatinScript()
    {
        var texts = Enumerable.Range(0, 500).Select(i => PromptText.Render(new PromptSpec(PromptKind.Natural, i, Script: (byte)(i % 10 == 0 ? 1 : 0)))).ToList();
        Assert.True(texts.Distinct().Count() > 495);
        Assert.Contains(texts, t => t.Any(char.IsDigit));
        Assert.Contains(texts, t => t.Contains('?', StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Any(c => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff'));
    }

    private static double Jaccard(string a, string b)
    {
        var x = Shingles(a);
        var y = Shingles(b);
        return x.Intersect(y).Count() / (double)x.Union(y).Count();
    }

    private static HashSet<string> Shingles(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToLowerInvariant());
        return [.. Enumerable.Range(0, Math.Max(1, bytes.Length - 4)).Select(i => Convert.ToHexString(bytes, i, Math.Min(5, bytes.Length - i)))];
    }
}
