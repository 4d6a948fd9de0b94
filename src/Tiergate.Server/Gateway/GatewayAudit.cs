using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>Audits gateway decisions; a denial is recorded even when its response has already been chosen.</summary>
public sealed partial class GatewayAudit(IAuditLog audit, AuthFailureThrottle failures, ILogger<GatewayAudit> logger)
{
    /// <summary>Records an admitted request; throws <see cref="AuditUnavailableException"/> so the caller refuses it.</summary>
    /// <param name="unscreened">The parts screening could not read (<c>image=2,audio_output</c>), recorded as the evidence of what passed unread; null when all was text.</param>
    public ValueTask AdmittedAsync(HttpContext context, string keyId, string variant, string tier, long promptTokens, long completionBudget, CancellationToken cancellationToken, string? unscreened = null)
    {
        var details = new Dictionary<string, string>
        {
            ["tier"] = tier,
            ["client"] = Client(context),
            ["prompt_tokens"] = promptTokens.ToString(CultureInfo.InvariantCulture),
            ["max_tokens"] = completionBudget.ToString(CultureInfo.InvariantCulture),
        };
        if (unscreened is not null)
        {
            details["unscreened"] = unscreened;
        }

        return audit.AppendAsync(new AuditEvent("gateway.request", $"key:{keyId}", $"variant:{variant}", "ok", details), cancellationToken);
    }

    /// <summary>
    /// Records a moderation call (<c>/v1/moderations</c>) as a chat request is recorded: who, through which tier, how
    /// many inputs, and the verdicts (categories only, never text). Throws <see cref="AuditUnavailableException"/>
    /// so the caller gets no verdict unrecorded.
    /// </summary>
    public ValueTask ModeratedAsync(HttpContext context, string keyId, string tier, int inputs, string verdict, IEnumerable<string> categories, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>
        {
            ["tier"] = tier,
            ["client"] = Client(context),
            ["inputs"] = inputs.ToString(CultureInfo.InvariantCulture),
            ["verdict"] = verdict,
        };
        var found = string.Join(',', categories.Distinct().Order(StringComparer.Ordinal));
        if (found.Length > 0)
        {
            details["categories"] = found;
        }

        return audit.AppendAsync(new AuditEvent("gateway.moderation", $"key:{keyId}", $"tier:{tier}", verdict, details), cancellationToken);
    }

    /// <summary>
    /// Records a denial. Failed authentications are counted into one record per source and minute
    /// (<see cref="AuthFailureThrottle"/>); for those the result is how long a throttled source must wait
    /// (answer 429 <c>too_many_auth_failures</c>), null otherwise.
    /// </summary>
    public async Task<TimeSpan?> DeniedAsync(HttpContext context, string? keyId, ErrorCode code, string? variant)
    {
        if (AuthFailureThrottle.Aggregates(code))
        {
            return await failures.FailedAsync(context, code, keyId);
        }

        LogDenied(logger, code.Id, code.Name, keyId ?? "-");
        var details = new Dictionary<string, string> { ["code"] = code.Id, ["path"] = context.Request.Path.Value ?? "", ["client"] = Client(context) };
        try
        {
            await audit.AppendAsync(new AuditEvent("gateway.deny", keyId is null ? "anonymous" : $"key:{keyId}", variant is null ? null : $"variant:{variant}", code.Name, details), CancellationToken.None);
        }
        catch (AuditUnavailableException)
        {
            // The request is refused either way; the failure itself is logged.
            LogAuditFailed(logger, code.Id);
        }

        return null;
    }

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Denied {ErrorId} {ErrorName} for key {KeyId}")]
    private static partial void LogDenied(ILogger logger, string errorId, string errorName, string keyId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Could not audit a denial ({ErrorId})")]
    private static partial void LogAuditFailed(ILogger logger, string errorId);
}
