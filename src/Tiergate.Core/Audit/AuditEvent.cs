namespace Tiergate.Core.Audit;

/// <summary>
/// One security-relevant action. Holds no secrets and no prompt text: where an identifier must be
/// searchable but is sensitive, the audit log stores a keyed HMAC of it instead.
/// </summary>
/// <param name="Action">Dotted, stable name: <c>key.create</c>, <c>gateway.deny</c>, <c>grant.revoke</c>, ...</param>
/// <param name="Actor">Who acted: <c>cli</c>, <c>admin:alice@example.org</c>, <c>key:AbC123...</c>, <c>system</c>.</param>
/// <param name="Subject">What was acted on: a user id, key id, tier, variant; null when none.</param>
/// <param name="Outcome"><c>ok</c>, <c>denied</c>, <c>failed</c>, or an error name such as <c>key_revoked</c>.</param>
/// <param name="Details">Small, non-secret facts (tier, variant, client address, error code).</param>
public sealed record AuditEvent(
    string Action,
    string Actor,
    string? Subject,
    string Outcome,
    IReadOnlyDictionary<string, string>? Details = null);
