using BenchmarkDotNet.Attributes;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Guards;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// What a guard model adds to screening one 2 KB prompt, on Tiergate's side: the local cascade alone
/// (baseline), one guard call over loopback HTTP to a server that answers at once (a cache miss: request
/// JSON, the call, the answer's JSON, SHA-256 of the normalised text), the same text again from the verdict
/// cache, and cascade, guard call and merge together as the gateway runs them. A real guard model adds its
/// own inference time on top (tens to hundreds of ms for an 8B model on a GPU; not measured here).
/// </summary>
[MemoryDiagnoser]
public class GuardStageBenchmarks
{
    private LoopbackGuard _server = null!;
    private HttpMessageInvoker _http = null!;
    private GuardStage _uncached = null!;
    private GuardStage _cached = null!;
    private Screener _screener = null!;
    private string _prompt = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _server = new LoopbackGuard();
        _http = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false });
        _uncached = new GuardStage(new GuardOptions("bench", GuardFormat.LlamaGuard, _server.BaseUrl, "llama-guard") { CacheSize = 0 }, _http);
        _cached = new GuardStage(new GuardOptions("bench", GuardFormat.LlamaGuard, _server.BaseUrl, "llama-guard"), _http);
        _screener = SafeguardDefaults.CreateScreener(
            Tiergate.Safeguards.Matching.TermMatcher.Create(SafeguardsBenchmarkData.Terms(5_000)),
            SafeguardDefaults.LoadModel(SafeguardsBenchmarkData.SamplesDirectory));
        _prompt = SafeguardsBenchmarkData.Prompt(2048, "what is the history of anthrax");
        _cached.JudgeAsync(_prompt, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool Cascade2KB() => _screener.Screen(_prompt).AnyFlagged;

    [Benchmark]
    public async Task<bool> GuardCall2KB() => (await _uncached.JudgeAsync(_prompt, null, CancellationToken.None)).Available;

    [Benchmark]
    public async Task<bool> GuardCacheHit2KB() => (await _cached.JudgeAsync(_prompt, null, CancellationToken.None)).FromCache;

    [Benchmark]
    public async Task<bool> CascadeThenGuard2KB()
    {
        var local = _screener.Screen(_prompt);
        var judgement = await _uncached.JudgeAsync(_prompt, null, CancellationToken.None);
        return GuardMerge.Apply(local, judgement, GuardFormat.LlamaGuard).AnyFlagged;
    }
}
