using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Server.Events;
using Tiergate.Server.Responses;
using Tiergate.Server.Sample;

namespace Tiergate.Server.Gateway;

/// <summary><c>GET /v1/models</c>: exactly the variants the caller's active tiers reach, in policy order. A refusal is a denied usage event; a listing calls no model and leaves none.</summary>
public sealed class ModelsEndpoint(Tiergate.Server.Policies.PolicyHolder policies, ApiKeyAuthenticator authenticator, GatewayAudit audit, GatewayEvents events, AlertResponses responses, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var auth = await authenticator.AuthenticateAsync(context);
        if (auth.Caller is not { } caller)
        {
            events.Denied(context, auth.KeyId, null, null, null, auth.Error!);
            var throttled = await audit.DeniedAsync(context, auth.KeyId, auth.Error!, null);
            await (throttled is { } wait
                ? OpenAiError.WriteAsync(context, ErrorCodes.TooManyAuthFailures, "Too many failed authentications from your address; try again later.", wait)
                : OpenAiError.WriteAsync(context, auth.Error!, auth.Message!));
            return;
        }

        var policy = policies.Policy;
        var now = time.GetUtcNow();
        var denial = AccessEvaluator.CheckKey(caller, now)
            ?? (responses.CheckKey(caller) is { Refusal: { } refusal } enforced ? AccessDecision.Deny(refusal, enforced.Message!) : null);
        if (denial is not null)
        {
            events.Denied(context, auth.KeyId, caller, null, null, denial.Denial!);
            await audit.DeniedAsync(context, auth.KeyId, denial.Denial!, null);
            await OpenAiError.WriteAsync(context, denial.Denial!, denial.Reason!);
            return;
        }

        // A tier whose grant a monitoring response suspended lists nothing while the suspension lasts.
        var reachable = AccessEvaluator.ActiveTiers(policy, caller, now).Where(t => !responses.GrantSuspended(caller, t.Name)).SelectMany(t => t.Variants).ToHashSet(StringComparer.Ordinal);
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        foreach (var variant in policy.Variants.Where(v => reachable.Contains(v.Name)))
        {
            json.WriteStartObject();
            json.WriteString("id", variant.Name);
            json.WriteString("object", "model");
            json.WriteNumber("created", 0);
            json.WriteString("owned_by", variant.Upstream.IsBuiltinSample ? SampleModelHandler.OwnedBy : "tiergate");
            if (variant.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
