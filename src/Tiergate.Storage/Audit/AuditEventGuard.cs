using Tiergate.Core.Audit;
using Tiergate.Core.Keys;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Refuses events that would put secrets or prompt text in the log: detail keys that name content
/// or credentials, anything that parses as a Tiergate API key or a bearer credential, and oversized
/// fields. These are programming errors, so they raise <see cref="ArgumentException"/>.
/// </summary>
public static class AuditEventGuard
{
    private static readonly HashSet<string> ForbiddenKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "prompt", "prompts", "messages", "message_content", "content", "completion", "input", "output",
        "text", "body", "password", "passphrase", "secret", "api_key", "apikey", "key_secret",
        "authorization", "token", "access_token", "refresh_token", "id_token", "cookie", "totp", "otp",
    };

    public static void Check(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Field(auditEvent.Action, "action", AuditLimits.ActionLength, required: true);
        Field(auditEvent.Actor, "actor", AuditLimits.ActorLength, required: true);
        Field(auditEvent.Subject, "subject", AuditLimits.SubjectLength, required: false);
        Field(auditEvent.Outcome, "outcome", AuditLimits.OutcomeLength, required: true);
        if (auditEvent.Details is null)
        {
            return;
        }

        foreach (var (key, value) in auditEvent.Details)
        {
            if (ForbiddenKeys.Contains(key))
            {
                throw new ArgumentException($"audit detail '{key}' names content or a credential; audit records hold neither", nameof(auditEvent));
            }

            Secretless(value, $"detail '{key}'");
        }
    }

    private static void Field(string? value, string name, int maxLength, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                throw new ArgumentException($"audit {name} is required", name);
            }

            return;
        }

        if (required && value.Length == 0)
        {
            throw new ArgumentException($"audit {name} is required", name);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"audit {name} is longer than {maxLength} characters", name);
        }

        Secretless(value, name);
    }

    private static void Secretless(string value, string where)
    {
        if (value.Contains("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"audit {where} holds a bearer credential", nameof(value));
        }

        var at = value.IndexOf(ApiKeyFormat.Prefix, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = Math.Min(value.Length, at + ApiKeyFormat.Length);
            if (ApiKeyFormat.TryParse(value.AsSpan(at, end - at), out _))
            {
                throw new ArgumentException($"audit {where} holds an API key", nameof(value));
            }

            at = value.IndexOf(ApiKeyFormat.Prefix, at + 1, StringComparison.Ordinal);
        }
    }
}
