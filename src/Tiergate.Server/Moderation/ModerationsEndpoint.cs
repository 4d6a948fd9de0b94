using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Safeguards.Screening;
using Tiergate.Server.Events;
using Tiergate.Server.Gateway;
using Tiergate.Server.Limits;
using Tiergate.Server.Responses;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Moderation;

/// <summary>
/// <c>POST /v1/moderations</c>, OpenAI-compatible, so an application can use Tiergate's screening before it calls
/// any model: authenticated with a Tiergate key as chat is, screened with the input profile (cascade and guard
/// model) of the caller's first held tier in policy order or the tier <c>X-Tiergate-Tier</c> names, counted as one
/// request (no tokens) against the tier's requests per minute, and audited (<c>gateway.moderation</c>) before
/// the verdict is sent: no record, no verdict. Monitoring sees it as chat traffic is seen: a completed event, and
/// a safeguard event for each input the tier would block or flag, so probing the screening here to find a prompt
/// that passes counts as the attempts it is.
/// </summary>
public sealed class ModerationsEndpoint(
    Tiergate.Server.Policies.PolicyHolder policies,
    ApiKeyAuthenticator authenticator,
    IUsageLimiter limiter,
    GatewayAudit audit,
    GatewayMetrics metrics,
    GuardScreening screening,
    GatewayDenial denial,
    AlertResponses responses,
    GatewayEvents events,
    TimeProvider time)
{
    /// <summary>The variant name moderation traffic carries in usage events: no model is called.</summary>
    public const string EventVariant = "moderations";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();

        // One policy for the whole request, however many reloads happen meanwhile.
        var policy = policies.Policy;
        var auth = await authenticator.AuthenticateAsync(context);
        if (auth.Caller is not { } caller)
        {
            await denial.DenyAsync(context, auth.KeyId, null, null, auth.Error!, auth.Message!, null);
            return;
        }

        ModerationRequest request;
        try
        {
            request = ModerationRequest.Parse(await RequestBody.ReadAsync(context.Request, policy.Gateway.MaxRequestBytes, context.RequestAborted));
        }
        catch (TiergateException e)
        {
            await denial.DenyAsync(context, auth.KeyId, caller, null, e.Code, e.Message, null, param: e.Param);
            return;
        }

        var requestedTier = context.Request.Headers[ChatCompletionsEndpoint.TierHeader].ToString() is { Length: > 0 } t ? t : null;
        var decision = AccessEvaluator.DecideTier(policy, caller, time.GetUtcNow(), requestedTier);
        if (decision.Tier is not { } tier)
        {
            await denial.DenyAsync(context, auth.KeyId, caller, null, decision.Denial!, decision.Reason!, null);
            return;
        }

        var enforced = responses.Check(caller, tier);
        if (enforced.Refusal is { } refusal)
        {
            await denial.DenyAsync(context, auth.KeyId, caller, tier, refusal, enforced.Message!, null);
            return;
        }

        var limit = await limiter.TryReserveAsync(caller.User.Id, enforced.Throttled ? responses.Throttled(tier) : tier, 0, context.RequestAborted);
        if (limit.Lease is not { } lease)
        {
            await denial.DenyAsync(context, auth.KeyId, caller, tier, limit.Refusal!, limit.Reason!, null, limit.RetryAfter);
            return;
        }

        var results = new List<(ScreeningResult, ScreeningOutcome)>(request.Inputs.Count);
        foreach (var input in request.Inputs)
        {
            var result = await screening.JudgeAsync(tier, input, null, context.RequestAborted);
            if (result.Outcome.GuardUnavailable is not null && !result.Outcome.Blocked)
            {
                // Fail closed: no verdict the tier's guard model could not give.
                await denial.DenyAsync(context, auth.KeyId, caller, tier, ErrorCodes.GuardUnavailable, "The tier's guard model could not judge the input; retry later.", null);
                return;
            }

            results.Add(result);
        }

        var outcomes = results.Select(r => r.Item2).ToList();
        var verdict = outcomes.Any(o => o.Blocked) ? "block" : outcomes.Any(o => o.Flags.Count > 0) ? "flag" : "clean";
        var categories = outcomes.SelectMany(o => o.Flags.Select(f => f.Category).Concat(o.Block is { } b ? [b.Category] : []));
        try
        {
            await audit.ModeratedAsync(context, caller.Key.Id, tier.Name, request.Inputs.Count, verdict, categories, CancellationToken.None);
        }
        catch (AuditUnavailableException)
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.AuditUnavailable, "The request could not be recorded, so no verdict is given.");
            return;
        }

        await lease.SettleAsync(0, CancellationToken.None);
        Publish(context, caller, tier, request.Inputs, outcomes);
        context.Response.Headers[ChatCompletionsEndpoint.TierHeader] = tier.Name;
        context.Response.ContentType = "application/json";
        await ModerationResponse.WriteAsync(context.Response.Body, $"modr-{Guid.NewGuid():N}", $"tiergate-{tier.Name}", tier.Name, results, context.RequestAborted);
        var elapsed = Stopwatch.GetElapsedTime(started);
        events.Completed(context, caller, tier, EventVariant, "moderated", null, null, elapsed);
    }

    /// <summary>Each input's verdict counted, and its block and flags as safeguard events, with its sketch where the tier's privacy allows.</summary>
    private void Publish(HttpContext context, CallerContext caller, TierConfig tier, IReadOnlyList<string> inputs, List<ScreeningOutcome> outcomes)
    {
        for (var i = 0; i < outcomes.Count; i++)
        {
            metrics.Screened(tier.Name, outcomes[i], output: false);
            if (outcomes[i] != ScreeningOutcome.Clean)
            {
                events.Safeguards(context, caller, tier, EventVariant, outcomes[i], GatewayEvents.WantsSketch(tier) ? PromptSketcher.Of(inputs[i]) : null);
            }
        }
    }
}
