namespace Tiergate.Core.Policy;

internal static class TierReader
{
    private static readonly Dictionary<string, IdentityLevel> IdentityNames = new()
    {
        ["email"] = IdentityLevel.Email,
        ["verified"] = IdentityLevel.Verified,
        ["affiliated"] = IdentityLevel.Affiliated,
    };

    private static readonly Dictionary<string, SharedStateDownMode> SharedStateDownNames = new()
    {
        ["refuse"] = SharedStateDownMode.Refuse,
        ["local"] = SharedStateDownMode.Local,
    };

    private static readonly Dictionary<string, AuditOrder> AuditOrderNames = new()
    {
        ["before_response"] = AuditOrder.BeforeResponse,
        ["before_upstream"] = AuditOrder.BeforeUpstream,
    };

    public static IReadOnlyDictionary<string, IdentityLevel> IdentityLevels => IdentityNames;

    public static TierConfig? Read(YamlFields f)
    {
        var name = f.String("name", required: true);
        var description = f.String("description");
        var variants = f.Strings("variants");
        if (variants.Count == 0)
        {
            f.Error(f.Child("variants"), "at least one variant is required", null);
        }

        var policy = f.String("policy", required: true);
        var identity = f.Enum("identity", IdentityNames) ?? IdentityLevel.Email;
        var identityMaxAge = f.Int("identity_max_age_days", 1, 36500);
        if (identityMaxAge is not null && identity == IdentityLevel.Email)
        {
            f.Error(f.Child("identity_max_age_days"), "needs identity: verified or affiliated (an email address has no verification to age)", null);
        }
        var grantDays = f.Int("grant_days", 1, 36500);
        var autoGrant = f.Bool("auto_grant", false);

        var s = f.Nested("security");
        var security = new SecurityPractices(s.Bool("mfa", false), s.Bool("ip_allowlist", false), s.Int("max_key_days", 1, 3650));
        s.RejectUnknownKeys();

        var l = f.Nested("limits");
        var limits = new TierLimits(
            l.Int("requests_per_minute", 1),
            l.Long("tokens_per_minute", 1),
            l.Long("tokens_per_day", 1),
            l.Int("max_output_tokens", 1, 1_000_000) ?? TierLimits.DefaultMaxOutputTokens)
        {
            MaxChoices = l.Int("max_choices", 1, 128) ?? TierLimits.DefaultMaxChoices,
            WhenSharedStateDown = l.Enum("when_shared_state_down", SharedStateDownNames) ?? TierLimits.DefaultWhenSharedStateDown(identity),
        };
        l.RejectUnknownKeys();

        var monitoring = MonitoringReader.Read(f);
        CheckResponses(f, monitoring, variants);
        var safeguards = SafeguardProfileReader.Read(f);
        var retention = RetentionReader.Read(f, monitoring.Privacy);

        var r = f.Nested("review");
        var review = new ReviewSettings(r.Int("approvals", 1, ReviewSettings.MaxApprovals) ?? 1);
        r.RejectUnknownKeys();

        var a = f.Nested("audit");
        var auditOrder = a.Enum("order", AuditOrderNames) ?? AuditOrder.BeforeResponse;
        a.RejectUnknownKeys();

        return name is null || policy is null
            ? null
            : new TierConfig(name, description, variants, policy, identity, security, grantDays, autoGrant, limits, monitoring, safeguards) { Review = review, IdentityMaxAgeDays = identityMaxAge, Retention = retention, AuditOrder = auditOrder };
    }

    private static void CheckResponses(YamlFields f, MonitoringConfig monitoring, IReadOnlyList<string> variants)
    {
        if (monitoring.FallbackVariant is { } fallback && !variants.Contains(fallback))
        {
            f.Error($"{f.Child("monitoring")}.fallback_variant", $"'{fallback}' is not one of the tier's variants", null);
        }

        if (monitoring.FallbackVariant is null && monitoring.Responses.Any(r => r.Action == Monitoring.ResponseAction.Fallback))
        {
            f.Error($"{f.Child("monitoring")}.responses", "a fallback response needs monitoring.fallback_variant", null);
        }
    }
}
