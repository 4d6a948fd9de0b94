using System.Net;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Policy;
using Tiergate.Safeguards.Guards;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Server.Screening;

/// <summary>
/// A tier's whole screening in one direction: the local cascade (<see cref="ContentScreening"/>), then, where
/// the tier's profile names a guard for that direction (<c>safeguards.guard</c>), the guard model, whose verdict
/// is merged in (<see cref="GuardMerge"/>) before the profile is applied. The guard is not asked when the
/// cascade already blocks. A guard that cannot judge fails closed (the outcome carries
/// <see cref="ScreeningOutcome.GuardUnavailable"/>) unless the tier says <c>on_failure: open</c>; either way the
/// failure is logged, without text. Credentials are read from the environment once, at start.
/// </summary>
public sealed partial class GuardScreening : IDisposable
{
    private readonly ContentScreening _screening;
    private readonly ILogger<GuardScreening> _logger;
    private readonly HttpMessageInvoker _http;
    private readonly Dictionary<string, GuardStage> _stages = new(StringComparer.Ordinal);

    public GuardScreening(PolicyDocument policy, ContentScreening screening, TimeProvider time, ILogger<GuardScreening> logger)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _screening = screening;
        _logger = logger;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = null,
        });
        foreach (var guard in policy.Safeguards.Guards)
        {
            var options = new GuardOptions(guard.Name, Format(guard.Kind), new Uri(guard.Url), guard.Model)
            {
                ApiKey = guard.ApiKeyEnv is { } name ? Environment.GetEnvironmentVariable(name) : null,
                Timeout = TimeSpan.FromMilliseconds(guard.TimeoutMs),
                CacheSize = guard.CacheSize,
            };
            _stages[guard.Name] = new GuardStage(options, _http, time);
        }
    }

    /// <summary>The guard that judges this tier's prompts or answers, or null.</summary>
    public GuardStage? For(TierConfig tier, bool output) =>
        tier.Safeguards.Guard.For(output) is { } name && _stages.TryGetValue(name, out var stage) ? stage : null;

    /// <summary>
    /// Screens a prompt (<paramref name="answer"/> null) or an answer to it with the tier's profile, cascade and guard.
    /// Without a guard this is <see cref="ContentScreening.Screen"/>, unchanged.
    /// </summary>
    public async Task<ScreeningOutcome> ScreenAsync(TierConfig tier, string prompt, string? answer, CancellationToken cancellationToken)
    {
        var output = answer is not null;
        if (For(tier, output) is null)
        {
            return _screening.Screen(tier, answer ?? prompt, output);
        }

        // A guard is a call to another service: its own span, when traces are recorded.
        using var span = Tiergate.Server.Telemetry.GatewayTracing.Source.StartActivity(output ? "tiergate.guard output" : "tiergate.guard input");
        span?.SetTag("tiergate.tier", tier.Name);
        var outcome = (await JudgeAsync(tier, prompt, answer, cancellationToken)).Outcome;
        span?.SetTag("tiergate.verdict", outcome.Blocked ? "block" : outcome.GuardUnavailable is not null ? "guard_unavailable" : outcome.Flags.Count > 0 ? "flag" : "allow");
        return outcome;
    }

    /// <summary>Screens a chat prompt with the tier's input profile, cascade (its last user message weighed alone as well) and guard.</summary>
    public async Task<ScreeningOutcome> ScreenAsync(TierConfig tier, PromptContents prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return For(tier, output: false) is null
            ? _screening.Screen(tier, prompt)
            : (await JudgeAsync(tier, prompt.Text, null, cancellationToken, _screening.Verdicts(prompt))).Outcome;
    }

    /// <summary>The verdicts of every category (the cascade's, with the guard's merged in) and what the tier's profile makes of them.</summary>
    /// <param name="cascade">The cascade's verdicts when already read (a chat prompt's, with its last turn); otherwise computed here.</param>
    public async Task<(ScreeningResult Verdicts, ScreeningOutcome Outcome)> JudgeAsync(TierConfig tier, string prompt, string? answer, CancellationToken cancellationToken, ScreeningResult? cascade = null)
    {
        var output = answer is not null;
        var text = answer ?? prompt;
        var local = cascade ?? _screening.Verdicts(text, output);
        var alone = ContentScreening.Apply(tier, local, output);
        if (For(tier, output) is not { } stage || alone.Blocked || text.Length == 0)
        {
            return (local, alone);
        }

        var judgement = await stage.JudgeAsync(prompt, answer, cancellationToken);
        if (!judgement.Available)
        {
            var failOpen = tier.Safeguards.Guard.FailOpen;
            LogGuardFailed(_logger, stage.Options.Name, judgement.Failure!, tier.Name, output ? "output" : "input", failOpen ? "open" : "closed");
            if (!failOpen)
            {
                return (local, alone with { GuardUnavailable = stage.Options.Name });
            }
        }

        var merged = GuardMerge.Apply(local, judgement, stage.Options.Format);
        return (merged, ContentScreening.Apply(tier, merged, output));
    }

    public void Dispose() => _http.Dispose();

    private static GuardFormat Format(GuardKind kind) => kind switch
    {
        GuardKind.Moderations => GuardFormat.Moderations,
        GuardKind.LlamaGuard => GuardFormat.LlamaGuard,
        GuardKind.ShieldGemma => GuardFormat.ShieldGemma,
        GuardKind.GraniteGuardian => GuardFormat.GraniteGuardian,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Guard {Guard} could not judge ({Failure}); tier {Tier} {Direction} fails {Mode}")]
    private static partial void LogGuardFailed(ILogger logger, string guard, string failure, string tier, string direction, string mode);
}
