using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Server.Limits;
using Tiergate.Server.Proxy;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: authenticate, read and parse, decide access, reserve quota,
/// audit (fail closed), forward, settle. Each stage either passes the request on or answers it.
/// </summary>
public sealed class ChatCompletionsEndpoint(
    PolicyDocument policy,
    ApiKeyAuthenticator authenticator,
    UsageLimiter limiter,
    UpstreamRegistry upstreams,
    ChatProxy proxy,
    GatewayAudit audit,
    GatewayMetrics metrics,
    ContentScreening screening,
    SafeguardRecorder safeguards,
    TimeProvider time)
{
    public const string TierHeader = "X-Tiergate-Tier";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var auth = await authenticator.AuthenticateAsync(context);
        if (auth.Caller is not { } caller)
        {
            await DenyAsync(context, auth.KeyId, auth.Error!, auth.Message!, null);
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
            await DenyAsync(context, auth.KeyId, e.Code, e.Message, null);
            return;
        }

        using var parsed = request;
        var requestedTier = context.Request.Headers[TierHeader].ToString() is { Length: > 0 } t ? t : null;
        var decision = AccessEvaluator.Decide(policy, caller, request.Model, time.GetUtcNow(), requestedTier);
        if (decision.Tier is not { } tier)
        {
            await DenyAsync(context, auth.KeyId, decision.Denial!, decision.Reason!, request.Model);
            return;
        }

        var input = screening.Screen(tier, PromptText.Of(request.Messages), output: false);
        if (input != ScreeningOutcome.Clean && !await RecordScreeningAsync(context, caller, tier, request.Model, input, output: false))
        {
            return;
        }

        if (input.Block is { } block)
        {
            metrics.Completed(ErrorCodes.ContentBlocked.Name, tier.Name, request.Model, 0, Stopwatch.GetElapsedTime(started));
            await OpenAiError.WriteAsync(context, ErrorCodes.ContentBlocked, $"The prompt touches '{block.Category}', which the tier '{tier.Name}' blocks.", extra: OpenAiError.ContentBlockedFields(block.Category, "input"));
            return;
        }

        var budget = request.MaxTokens ?? tier.Limits.MaxOutputTokens;
        var limit = limiter.TryReserve(caller.User.Id, tier, request.PromptTokens + budget);
        if (limit.Reservation is not { } reservation)
        {
            await DenyAsync(context, auth.KeyId, limit.Refusal!, limit.Reason!, request.Model, limit.RetryAfter);
            return;
        }

        try
        {
            // Not cancelled by the client leaving: the commit is short and bounded by the busy
            // timeout, and the forward that follows is cancelled by RequestAborted anyway.
            await audit.AdmittedAsync(caller.Key.Id, request.Model, tier.Name, CancellationToken.None);
        }
        catch (AuditUnavailableException)
        {
            UsageLimiter.Settle(reservation, 0);
            await OpenAiError.WriteAsync(context, ErrorCodes.AuditUnavailable, "The request could not be recorded, so it was not sent to the model.");
            return;
        }

        context.Response.Headers["X-Tiergate-Tier"] = tier.Name;
        var endpoint = upstreams[request.Model];
        var body = request.ForUpstream(endpoint.Model, budget);
        var outputScreening = screening.AllowsEverything(tier, output: true)
            ? null
            : new OutputScreening(text => screening.Screen(tier, text, output: true), () => screening.BeginOutput(tier), !screening.OnlyFlags(tier, output: true), policy.Safeguards.HoldBackChars);
        var outcome = await proxy.ForwardAsync(context, endpoint, body, request.Stream, request.ClientWantsUsage, policy.Gateway.UpstreamTimeout, outputScreening);
        Settle(reservation, outcome);
        if (outcome.Output is { } output && output != ScreeningOutcome.Clean)
        {
            // The answer has been sent or withheld already; a failed record is logged by the audit log itself.
            await RecordScreeningAsync(context, caller, tier, request.Model, output, output: true);
        }

        metrics.Completed(outcome.Status.ToString(), tier.Name, request.Model, outcome.Usage?.Total ?? 0, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Used tokens replace the reservation; a failure before any answer releases it; an answer whose
    /// usage is unknown (client gone mid-stream) keeps the whole reservation, erring towards the quota.
    /// </summary>
    private static void Settle(Reservation reservation, ProxyOutcome outcome)
    {
        if (outcome.Usage is { } usage)
        {
            UsageLimiter.Settle(reservation, usage.Total);
        }
        else if (outcome.Status is ProxyStatus.UpstreamFailed or ProxyStatus.TimedOut && outcome.UpstreamStatus == 0)
        {
            UsageLimiter.Settle(reservation, 0);
        }
    }

    /// <summary>Records blocks and flags; false (and a 503 sent) when the audit record cannot be written.</summary>
    private async Task<bool> RecordScreeningAsync(HttpContext context, CallerContext caller, TierConfig tier, string variant, ScreeningOutcome outcome, bool output)
    {
        try
        {
            await safeguards.RecordAsync(caller, tier, variant, outcome, output, CancellationToken.None);
            return true;
        }
        catch (AuditUnavailableException)
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.AuditUnavailable, "The request could not be recorded, so it was not sent to the model.");
            return false;
        }
    }

    private async Task DenyAsync(HttpContext context, string? keyId, ErrorCode code, string message, string? variant, TimeSpan? retryAfter = null)
    {
        await audit.DeniedAsync(context, keyId, code, variant);
        metrics.Completed(code.Name, null, variant, 0, TimeSpan.Zero);
        await OpenAiError.WriteAsync(context, code, message, retryAfter);
    }
}
