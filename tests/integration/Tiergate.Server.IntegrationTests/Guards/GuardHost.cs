using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Guards;

/// <summary>The gateway with the sample policy, its <c>general</c> tier judged by a guard model on loopback as well.</summary>
internal static class GuardHost
{
    /// <param name="tierGuard">The general tier's <c>safeguards.guard</c> mapping.</param>
    public static Task<GatewayHost> StartAsync(string backend, FakeGuard guard, string kind = "llama_guard", string tierGuard = "{ input: guard, output: guard }", int timeoutMs = 2000, Func<string, string>? more = null) =>
        GatewayHost.StartAsync(backend, yaml =>
        {
            var edited = yaml
                .Replace(
                    "safeguards:\n  # directory",
                    $"safeguards:\n  guards:\n    - {{ name: guard, kind: {kind}, url: \"{guard.BaseUrl}\", model: guard-model, api_key_env: TIERGATE_TEST_GUARD_KEY, timeout_ms: {timeoutMs} }}\n  # directory",
                    StringComparison.Ordinal)
                .Replace(
                    "      output: { bio: block, chem: block, radnuc: block, cyber: block }\n\n  - name: safety-research",
                    $"      output: {{ bio: block, chem: block, radnuc: block, cyber: block }}\n      guard: {tierGuard}\n\n  - name: safety-research",
                    StringComparison.Ordinal);
            Assert.NotEqual(yaml, edited);
            Environment.SetEnvironmentVariable("TIERGATE_TEST_GUARD_KEY", "sk-guard-test");
            return more?.Invoke(edited) ?? edited;
        });
}
