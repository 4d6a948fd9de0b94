using Tiergate.Core.Errors;

namespace Tiergate.Server.Responses;

/// <summary>What the active responses do to one request: refuse it, cut its rate, or answer it with another variant.</summary>
/// <param name="Refusal">key_suspended, grant_suspended or reauthentication_required; null when the request may go on.</param>
/// <param name="Throttled">The user's requests per minute in the tier are cut to a tenth.</param>
/// <param name="FallbackVariant">The tier's <c>monitoring.fallback_variant</c>, which answers instead of the requested one.</param>
public readonly record struct ResponseEnforcement(ErrorCode? Refusal, string? Message, bool Throttled, string? FallbackVariant)
{
    public static readonly ResponseEnforcement None = new(null, null, false, null);
}
