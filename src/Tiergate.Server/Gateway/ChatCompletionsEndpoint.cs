using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Similarity;
using Tiergate.Server.Events;
using Tiergate.Server.Limits;
using Tiergate.Server.Proxy;
using Tiergate.Server.Responses;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: authenticate, read and parse, decide access, reserve quota,
/// audit, forward, settle. Each stage either passes the request on or answers it, and every request
/// leaves usage events behind: admitted then completed, or denied. Audit fails closed: nothing of an
/// answer reaches the caller before the request's admission record is durable (the tier's <c>audit.order</c>
/// says whether the upstream is called before that is known).
/// </summary>
public sealed class ChatCompletionsEndpoint(
    Tiergate.Server.Policies.PolicyHolder policies,
    ApiKeyAuthenticator authenticator,
    IUsageLimiter limiter,
    UpstreamRegistry upstreams,
    ChatProxy proxy,
    GatewayAudit audit,
    GatewayMetrics metrics,
    ContentScreening screening,
    GuardScreening guards,
    SafeguardRecorder safeguards,
    GatewayEvents events,
    AlertResponses responses,
    GatewayDenial denial,
    TimeProvider time)
{
    public const string TierHeader = "X-Tiergate-Tier";

    /// <summary>Names the variant that answered: the requested one, or the tier's fallback while a <c>fallback</c> response is in force.</summary>
    public const string VariantHeader = "X-Tiergate-Variant";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();

        // One policy for the whole request (tier, profile, limits, upstream), however many reloads happen meanwhile.
        var policy = policies.Policy;
        var auth = await authenticator.AuthenticateAsync(context);
        if (auth.Caller is not { } caller)
        {
            await DenyAsync(context, auth.KeyId, null, null, auth.Error!, auth.Message!, null);
            return;
        }

        ChatRequest request;
        byte[] raw;
        try
        {
            raw = await RequestBody.ReadAsync(context.Request, policy.Gateway.MaxRequestBytes, context.RequestAborted);
            request = ChatRequest.Parse(raw);
        }
        catch (TiergateException e)
        {
            await DenyAsync(context, auth.KeyId, caller, null, e.Code, e.Message, null, param: e.Param);
            return;
        }

        using var parsed = request;
        var requestedTier = context.Request.Headers[TierHeader].ToString() is { Length: > 0 } t ? t : null;
        var decision = AccessEvaluator.Decide(policy, caller, request.Model, time.GetUtcNow(), requestedTier);
        if (decision.Tier is not { } tier)
        {
            await DenyAsync(context, auth.KeyId, caller, null, decision.Denial!, decision.Reason!, request.Model);
            return;
        }

        // Graduated responses to alerts: refuse, throttle, or answer with the tier's fallback variant.
        var enforced = responses.Check(caller, tier);
        if (enforced.Refusal is { } refusal)
        {
            await DenyAsync(context, auth.KeyId, caller, tier, refusal, enforced.Message!, request.Model);
            return;
        }

        var variant = enforced.FallbackVariant ?? request.Model;
        try
        {
            request.EnsureAllowedBy(policy.VariantsByName[variant]);
        }
        catch (TiergateException e)
        {
            await DenyAsync(context, auth.KeyId, caller, tier, e.Code, e.Message, variant, param: e.Param);
            return;
        }

        if (request.Choices > tier.Limits.MaxChoices)
        {
            await DenyAsync(context, auth.KeyId, caller, tier, ErrorCodes.InvalidRequest, $"The tier '{tier.Name}' allows at most {tier.Limits.MaxChoices} choices a request.", variant, param: "n");
            return;
        }

        // Every choice may use the whole completion budget: the reservation covers the worst case.
        var budget = request.MaxTokens ?? tier.Limits.MaxOutputTokens;
        var reserved = budget * (long)request.Choices;
        var limit = await limiter.TryReserveAsync(caller.User.Id, enforced.Throttled ? responses.Throttled(tier) : tier, request.PromptTokens + reserved, context.RequestAborted);
        if (limit.Lease is null)
        {
            await DenyAsync(context, auth.KeyId, caller, tier, limit.Refusal!, limit.Reason!, variant, limit.RetryAfter);
            return;
        }

        // The limits come before screening: a caller over its rate or quota cannot make the gateway ask a tier's
        // guard model (a paid call) again and again. A prompt refused below gives its tokens back; it still counts
        // as a request, so probing the screening is rate-limited like any other traffic.
        var lease = limit.Lease!;
        var prompt = request.Prompt;
        var sketch = GatewayEvents.WantsSketch(tier) ? PromptSketcher.Of(prompt) : null;
        ScreeningOutcome input;
        try
        {
            input = await guards.ScreenAsync(tier, request.Contents, context.RequestAborted);
        }
        catch
        {
            // The client left while the guard was asked (or screening failed): its tokens go back, nothing was sent.
            await lease.ReleaseAsync(CancellationToken.None);
            throw;
        }

        metrics.Screened(tier.Name, input, output: false);
        if (input != ScreeningOutcome.Clean && !await RecordScreeningAsync(context, caller, tier, variant, input, output: false, sketch))
        {
            await lease.ReleaseAsync(CancellationToken.None);
            return;
        }

        if (input.GuardUnavailable is not null && input.Block is null)
        {
            // Fail closed: a prompt the tier's guard model could not judge is not sent.
            await lease.ReleaseAsync(CancellationToken.None);
            await DenyAsync(context, auth.KeyId, caller, tier, ErrorCodes.GuardUnavailable, "The tier's guard model could not judge the prompt, so it was not sent to the model; retry later.", variant);
            return;
        }

        if (input.Block is { } block)
        {
            await lease.ReleaseAsync(CancellationToken.None);
            events.Denied(context, caller.Key.Id, caller, tier, variant, ErrorCodes.ContentBlocked);
            await OpenAiError.WriteAsync(context, ErrorCodes.ContentBlocked, $"The prompt touches '{block.Category}', which the tier '{tier.Name}' blocks.", extra: OpenAiError.ContentBlockedFields(block.Category, "input"));
            return;
        }

        // The append is not cancelled by the client leaving: the commit is short and bounded by the busy timeout.
        // before_upstream waits for it here; before_response lets the proxy call the upstream meanwhile and wait
        // for it before the first byte to the caller. The admitted event follows the record's durability.
        var admission = new AdmissionGate(
            RecordAdmission(context, caller.Key.Id, variant, tier.Name, request.PromptTokens, reserved, request.Contents.Media.Describe()),
            () => events.Admitted(context, caller, tier, variant, request.PromptTokens, reserved, sketch));
        if (tier.AuditOrder == AuditOrder.BeforeUpstream && !await admission.WaitAsync())
        {
            await RefuseUnrecordedAsync(context, lease, caller, tier, variant, "The request could not be recorded, so it was not sent to the model.");
            return;
        }

        context.Response.Headers[TierHeader] = tier.Name;
        context.Response.Headers[VariantHeader] = variant;
        var endpoint = upstreams.For(policy)[variant];
        var body = request.ForUpstream(endpoint.Model, budget);
        // An output guard can find categories the profile does not name, which it blocks: such a tier can always block.
        var outputGuard = guards.For(tier, output: true) is not null;
        var outputScreening = screening.AllowsEverything(tier, output: true) && !outputGuard
            ? null
            : new OutputScreening(text => screening.Screen(tier, text, output: true), () => screening.BeginOutput(tier), outputGuard || !screening.OnlyFlags(tier, output: true), policy.Safeguards.HoldBackChars)
            {
                Guard = outputGuard ? (answer, token) => guards.ScreenAsync(tier, prompt, answer, token) : null,
            };
        var outcome = await proxy.ForwardAsync(context, endpoint, variant, body, request.Stream, request.ClientWantsUsage, policy.Gateway.UpstreamTimeout, outputScreening, admission);
        if (outcome.Status == ProxyStatus.AuditUnavailable)
        {
            await RefuseUnrecordedAsync(context, lease, caller, tier, variant, "The request could not be recorded, so nothing of the model's answer was sent.");
            return;
        }

        await SettleAsync(lease, outcome);
        if (outputScreening is not null && outcome.Output is { } screened)
        {
            metrics.Screened(tier.Name, screened, output: true);
        }

        if (outcome.Output is { } output && output != ScreeningOutcome.Clean)
        {
            // The answer has been sent or withheld already; a failed record is logged by the audit log itself.
            await RecordScreeningAsync(context, caller, tier, variant, output, output: true);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        events.Completed(context, caller, tier, variant, outcome.Status.ToString(), outcome.Usage?.PromptTokens, outcome.Usage?.CompletionTokens, elapsed);
    }

    /// <summary>
    /// Starts the admission record's append (its group commit); a log that cannot even queue it fails the record as a
    /// failed commit does.
    /// </summary>
    private Task RecordAdmission(HttpContext context, string keyId, string variant, string tier, long promptTokens, long reserved, string? unscreened)
    {
        try
        {
            return audit.AdmittedAsync(context, keyId, variant, tier, promptTokens, reserved, CancellationToken.None, unscreened).AsTask();
        }
        catch (AuditUnavailableException e)
        {
            return Task.FromException(e);
        }
    }

    /// <summary>A request whose admission record could not be made durable: its reservation is released and it is refused (fail closed).</summary>
    private async Task RefuseUnrecordedAsync(HttpContext context, UsageLease lease, CallerContext caller, TierConfig tier, string variant, string message)
    {
        await lease.ReleaseAsync(CancellationToken.None);
        events.Denied(context, caller.Key.Id, caller, tier, variant, ErrorCodes.AuditUnavailable);
        await OpenAiError.WriteAsync(context, ErrorCodes.AuditUnavailable, message);
    }

    /// <summary>
    /// Used tokens replace the reservation; a failure before any answer releases it; an answer whose
    /// usage is unknown (client gone mid-stream) keeps the whole reservation, erring towards the quota.
    /// </summary>
    private static async ValueTask SettleAsync(UsageLease lease, ProxyOutcome outcome)
    {
        if (outcome.Usage is { } usage)
        {
            await lease.SettleAsync(usage.Total, CancellationToken.None);
        }
        else if (outcome.Status is ProxyStatus.UpstreamFailed or ProxyStatus.TimedOut && outcome.UpstreamStatus == 0)
        {
            await lease.ReleaseAsync(CancellationToken.None);
        }
    }

    /// <summary>Records blocks and flags; false (and a 503 sent) when the audit record cannot be written.</summary>
    private async Task<bool> RecordScreeningAsync(HttpContext context, CallerContext caller, TierConfig tier, string variant, ScreeningOutcome outcome, bool output, PromptSketch? sketch = null)
    {
        try
        {
            await safeguards.RecordAsync(context, caller, tier, variant, outcome, output, sketch, CancellationToken.None);
            return true;
        }
        catch (AuditUnavailableException)
        {
            if (!output)
            {
                events.Denied(context, caller.Key.Id, caller, tier, variant, ErrorCodes.AuditUnavailable);
            }

            await OpenAiError.WriteAsync(context, ErrorCodes.AuditUnavailable, "The request could not be recorded, so it was not sent to the model.");
            return false;
        }
    }

    private Task DenyAsync(HttpContext context, string? keyId, CallerContext? caller, TierConfig? tier, ErrorCode code, string message, string? variant, TimeSpan? retryAfter = null, string? param = null) =>
        denial.DenyAsync(context, keyId, caller, tier, code, message, variant, retryAfter, param);
}
