using System.Text;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Guards;

/// <summary>
/// The guard-model stage: asks an external classifier over HTTP about a prompt, or an answer in the context of
/// its prompt, within <see cref="GuardOptions.Timeout"/>, and keeps verdicts by content hash (SHA-256 of the
/// normalised text, so an obfuscated copy of a judged text is not judged again). It runs after the local
/// cascade, which is synchronous and in-process; <see cref="GuardMerge"/> adds its verdict to the cascade's.
/// A failure (timeout, HTTP error, unreadable answer) is a <see cref="GuardJudgement.Failure"/>, never an
/// exception: whether to fail closed or open is the caller's choice, per tier. Thread-safe.
/// </summary>
public sealed class GuardStage
{
    private readonly HttpMessageInvoker _http;
    private readonly IGuardProtocol _protocol;
    private readonly TimeProvider _time;
    private readonly TextNormalizer _normalizer;

    public GuardStage(GuardOptions options, HttpMessageInvoker http, TimeProvider? time = null, TextNormalizer? normalizer = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? TimeProvider.System;
        _normalizer = normalizer ?? TextNormalizer.Default;
        _protocol = options.Format switch
        {
            GuardFormat.Moderations => new ModerationsProtocol(),
            GuardFormat.LlamaGuard => new LlamaGuardProtocol(),
            GuardFormat.ShieldGemma => new ShieldGemmaProtocol(),
            GuardFormat.GraniteGuardian => new GraniteGuardianProtocol(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "unknown guard format"),
        };
        if (options.Format != GuardFormat.Moderations && options.Model is null)
        {
            throw new ArgumentException("A chat guard needs a model name.", nameof(options));
        }

        Cache = new GuardVerdictCache(options.CacheSize);
    }

    public GuardOptions Options { get; }

    public GuardVerdictCache Cache { get; }

    public string Name => Options.StageName;

    /// <summary>Judges <paramref name="prompt"/> (when <paramref name="answer"/> is null) or <paramref name="answer"/> given its prompt.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller left); a timeout is a failure instead.</exception>
    public async Task<GuardJudgement> JudgeAsync(string prompt, string? answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var started = _time.GetTimestamp();
        var key = GuardVerdictCache.KeyOf(answer is not null, Normalized(prompt), answer is null ? default : Normalized(answer));
        if (Cache.TryGet(key, out var cached))
        {
            return new GuardJudgement(Name, cached, null, true, _time.GetElapsedTime(started));
        }

        // One source for the timeout and the caller's cancellation; the caller's tells which one fired.
        using var timeout = new CancellationTokenSource(Options.Timeout, _time);
        using var registration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
        try
        {
            var verdict = await _protocol.JudgeAsync(_http, Options, prompt, answer, timeout.Token);
            Cache.Add(key, verdict);
            return new GuardJudgement(Name, verdict, null, false, _time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("timeout", started);
        }
        catch (GuardUnavailableException e)
        {
            return Failed(e.Message, started);
        }
        catch (IOException)
        {
            return Failed("unreachable", started);
        }
    }

    private GuardJudgement Failed(string reason, long started) => new(Name, null, reason, false, _time.GetElapsedTime(started));

    private byte[] Normalized(string text) => Encoding.UTF8.GetBytes(_normalizer.Normalize(text));
}
