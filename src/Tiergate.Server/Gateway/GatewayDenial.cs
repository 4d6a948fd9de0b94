using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Server.Events;

namespace Tiergate.Server.Gateway;

/// <summary>
/// Refuses a gateway request the one way every endpoint does: a denied usage event (which also counts it), an audit record,
/// and an OpenAI-shaped error, with one answer for an unknown variant, a variant outside the caller's tiers and
/// a tier the caller does not hold.
/// </summary>
public sealed class GatewayDenial(Tiergate.Server.Policies.PolicyHolder policies, GatewayEvents events, GatewayAudit audit)
{
    public async Task DenyAsync(HttpContext context, string? keyId, CallerContext? caller, TierConfig? tier, ErrorCode code, string message, string? variant, TimeSpan? retryAfter = null, string? param = null)
    {
        // Only a configured variant's name is recorded: any other 'model' is client text (100,000 chars, a
        // prompt, a key) that the audit log refuses to hold (a 500) and that metrics must not take as a tag.
        var recorded = variant is not null && policies.Policy.VariantsByName.ContainsKey(variant) ? variant : null;
        events.Denied(context, keyId, caller, tier, recorded, code);
        var throttled = await audit.DeniedAsync(context, keyId, code, recorded);
        if (throttled is { } wait)
        {
            await OpenAiError.WriteAsync(context, ErrorCodes.TooManyAuthFailures, "Too many failed authentications from your address; try again later.", wait);
            return;
        }

        if (code == ErrorCodes.ModelNotFound || code == ErrorCodes.ModelNotAllowed || code == ErrorCodes.TierNotHeld)
        {
            // One answer whether the variant does not exist, is outside the caller's tiers, or the named tier
            // is not held, so names cannot be enumerated; the audit record and the event keep the true reason.
            var quoted = EchoableName.Of(variant) is { } name ? $"'{name}' " : "";
            await OpenAiError.WriteAsync(context, ErrorCodes.ModelNotFound, $"The model {quoted}does not exist or you do not have access to it.", param: "model");
            return;
        }

        await OpenAiError.WriteAsync(context, code, message, retryAfter, param);
    }
}
