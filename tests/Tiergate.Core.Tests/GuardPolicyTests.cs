using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

/// <summary>Guard models declared once in <c>safeguards.guards</c> and referenced by tiers per direction.</summary>
public sealed class GuardPolicyTests
{
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

    private static string WithGuards(string guards, string tierGuard) =>
        Sample
            .Replace("safeguards:\n  # directory", $"safeguards:\n  guards:\n{guards}\n  # directory", StringComparison.Ordinal)
            .Replace("      output: { bio: block, chem: block, radnuc: block, cyber: block }\n\n  - name: safety-research", $"      output: {{ bio: block, chem: block, radnuc: block, cyber: block }}\n      guard: {tierGuard}\n\n  - name: safety-research", StringComparison.Ordinal);

    [Fact]
    public void Load_GuardDeclaredAndReferenced_ReadsEveryField()
    {
        var yaml = WithGuards(
            """
                - name: llama
                  kind: llama_guard
                  url: http://127.0.0.1:8000/v1/
                  model: meta-llama/Llama-Guard-3-8B
                  api_key_env: GUARD_KEY
                  timeout_ms: 750
                  cache_size: 50
                - { name: hosted, kind: moderations, url: "https://api.example.org/v1" }
            """,
            "{ input: llama, output: hosted, on_failure: open }");

        var result = PolicyLoader.Load(yaml);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var guards = result.Policy!.Safeguards.Guards;
        Assert.Equal(new GuardConfig("llama", GuardKind.LlamaGuard, "http://127.0.0.1:8000/v1", "meta-llama/Llama-Guard-3-8B", "GUARD_KEY", 750, 50), guards[0]);
        Assert.Equal(new GuardConfig("hosted", GuardKind.Moderations, "https://api.example.org/v1", null, null, GuardConfig.DefaultTimeoutMs, GuardConfig.DefaultCacheSize), guards[1]);
        Assert.Equal(new TierGuard("llama", "hosted", FailOpen: true), result.Policy.TiersByName["general"].Safeguards.Guard);
        Assert.Equal(TierGuard.None, result.Policy.TiersByName["safety-research"].Safeguards.Guard);
    }

    [Fact]
    public void Load_TierGuardWithoutOnFailure_FailsClosed()
    {
        var yaml = WithGuards("    - { name: g, kind: shieldgemma, url: http://127.0.0.1:1/v1, model: google/shieldgemma-2b }", "{ input: g }");

        var guard = PolicyLoader.Load(yaml).Policy!.TiersByName["general"].Safeguards.Guard;

        Assert.Equal(new TierGuard("g", null, FailOpen: false), guard);
    }

    [Fact]
    public void Load_UnknownGuardReference_ReportsGuardUnknownCode()
    {
        var yaml = WithGuards("    - { name: g, kind: moderations, url: http://127.0.0.1:1/v1 }", "{ input: g, output: nowhere }");

        var errors = PolicyLoader.Load(yaml).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(ErrorCodes.PolicyGuardUnknown.Id, error.Code);
        Assert.Equal("tiers[0].safeguards.guard.output", error.Path);
    }

    [Fact]
    public void Load_BadGuardDeclarations_ReportEveryErrorWithGuardInvalidCode()
    {
        var yaml = WithGuards(
            """
                - { name: a, kind: llama_guard, url: "ftp://x" }
                - { name: a, kind: granite, url: http://127.0.0.1:1/v1, model: m }
                - { name: c, kind: moderations, url: http://127.0.0.1:1/v1, api_key_env: "sk-secret key", timeout_ms: 0, cache_size: -3 }
            """,
            "{ on_failure: sometimes }");

        var errors = PolicyLoader.Load(yaml).Errors;
        var coded = errors.Where(e => e.Code == ErrorCodes.PolicyGuardInvalid.Id).Select(e => e.Path).ToList();

        Assert.Contains("safeguards.guards[0].url", coded);
        Assert.Contains("safeguards.guards[0].model", coded);
        Assert.Contains("safeguards.guards[1].name", coded);
        Assert.Contains("safeguards.guards[1].kind", coded);
        Assert.Contains("safeguards.guards[2].api_key_env", coded);
        Assert.Contains("safeguards.guards[2].timeout_ms", coded);
        Assert.Contains("safeguards.guards[2].cache_size", coded);
        Assert.Contains(errors, e => e.Path == "tiers[0].safeguards.guard.on_failure");
        Assert.DoesNotContain(errors, e => e.ToString().Contains("sk-secret", StringComparison.Ordinal)); // a misplaced key is never echoed
    }
}
