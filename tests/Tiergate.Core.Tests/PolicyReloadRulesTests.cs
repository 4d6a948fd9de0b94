using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

/// <summary>The policy's hash (what instances compare) and which changes a running gateway can take live.</summary>
public sealed class PolicyReloadRulesTests
{
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

    [Fact]
    public void Of_LineEndingsBomAndTrailingWhitespace_SameHash()
    {
        var plain = PolicyText.Of(Sample);
        var windows = PolicyText.Of("\uFEFF" + Sample.Replace("\n", "  \n", StringComparison.Ordinal).ReplaceLineEndings("\r\n") + "\r\n\r\n");

        Assert.Equal(plain.Hash, windows.Hash);
        Assert.Equal(plain.Canonical, windows.Canonical);
        Assert.Matches("^[0-9a-f]{64}$", plain.Hash);
    }

    [Fact]
    public void Of_ChangedValue_DifferentHash()
    {
        var changed = PolicyText.Of(Sample.Replace("requests_per_minute: 60", "requests_per_minute: 61", StringComparison.Ordinal));

        Assert.NotEqual(PolicyText.Of(Sample).Hash, changed.Hash);
    }

    [Fact]
    public void NeedsRestart_TierLimitsAndNewTier_Nothing()
    {
        var running = Load(Sample);
        var next = Load(Sample.Replace("requests_per_minute: 60", "requests_per_minute: 2", StringComparison.Ordinal)
            .Replace("max_output_tokens: 1024", "max_output_tokens: 10", StringComparison.Ordinal));

        Assert.Empty(PolicyLiveChange.NeedsRestart(running, next));
    }

    [Fact]
    public void NeedsRestart_GuardsAndDirectoryChanged_BothPathsListed()
    {
        var running = Load(Sample);
        var next = Load(Sample.Replace(
            "  hold_back_chars: 256",
            "  directory: /srv/safeguards\n  hold_back_chars: 256\n  guards:\n    - { name: g, kind: moderations, url: \"http://127.0.0.1:9/v1\" }",
            StringComparison.Ordinal));

        var errors = PolicyLiveChange.NeedsRestart(running, next);

        Assert.Equal(["safeguards.directory", "safeguards.guards"], errors.Select(e => e.Path));
    }

    private static PolicyDocument Load(string yaml)
    {
        var loaded = PolicyLoader.Load(yaml);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Policy!;
    }
}
