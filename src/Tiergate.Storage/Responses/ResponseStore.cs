using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Monitoring;
using Tiergate.Core.Notifications;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Alerts;

namespace Tiergate.Storage.Responses;

/// <summary>
/// Graduated responses to alerts, as the tier's <c>monitoring.responses</c> configure them: automatic ones are in
/// force at once, confirm ones wait for a reviewer. Every creation, confirmation, reversal, decline and refusal is an
/// audit record (<c>response.*</c>); <see cref="Changed"/> tells this process's gateway to reload what it enforces.
/// </summary>
public sealed class ResponseStore(TiergateDatabase database, IAuditLog audit, TimeProvider time, IUserNotifier? notifier = null)
{
    /// <summary>Raised after a response was created or changed through this store (the gateway reloads its board).</summary>
    public event Func<CancellationToken, Task>? Changed;

    /// <summary>
    /// One response per configured response of <paramref name="tier"/> whose detector raised <paramref name="alert"/>:
    /// automatic → active (notify: the reviewers are mailed, then done), confirm → pending. A response already in
    /// force or pending for the same user, tier, key and action is not made twice; one that needs a key the alert
    /// does not name (suspend-key) is skipped.
    /// </summary>
    public async Task<IReadOnlyList<ResponseView>> ForAlertAsync(AlertView alert, long userId, string? keyId, TierConfig tier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(tier);
        var created = new List<ResponseView>();
        foreach (var configured in tier.Monitoring.Responses.Where(r => string.Equals(r.Detector, alert.Detector, StringComparison.Ordinal)))
        {
            var action = ResponseNames.Of(configured.Action);
            var key = configured.Action == ResponseAction.SuspendKey ? keyId : null;
            if (configured.Action == ResponseAction.SuspendKey && key is null)
            {
                continue;
            }

            await using var db = database.CreateContext();
            var duplicate = await db.Set<ResponseEntity>().AnyAsync(
                r => r.UserId == userId && r.Tier == tier.Name && r.Action == action && r.KeyId == key && (r.Status == ResponseStatus.Active || r.Status == ResponseStatus.Pending),
                cancellationToken);
            if (duplicate && configured.Action != ResponseAction.Notify)
            {
                continue;
            }

            var now = time.GetUtcNow();
            var entity = new ResponseEntity
            {
                AlertId = alert.Id,
                Detector = alert.Detector,
                Action = action,
                Automatic = configured.Automatic,
                UserId = userId,
                KeyId = key,
                Tier = tier.Name,
                Status = configured.Automatic ? ResponseStatus.Active : ResponseStatus.Pending,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(new AuditEvent("response.create", $"detector:{alert.Detector}", Subject(entity.Id), "ok", new Dictionary<string, string>
            {
                ["alert"] = $"alert:{alert.Id.ToString(CultureInfo.InvariantCulture)}",
                ["action"] = action,
                ["mode"] = Mode(entity),
                ["status"] = entity.Status,
                ["tier"] = tier.Name,
                ["user"] = alert.Masked ? "masked" : $"user:{userId.ToString(CultureInfo.InvariantCulture)}",
            }), cancellationToken);
            if (entity.Status == ResponseStatus.Active && configured.Action == ResponseAction.Notify)
            {
                await NotifyAsync(db, entity, alert.Severity, $"detector:{alert.Detector}", cancellationToken);
            }

            created.Add(await ViewAsync(db, entity, cancellationToken));
        }

        if (created.Count > 0)
        {
            await RaiseChangedAsync(cancellationToken);
        }

        return created;
    }

    /// <summary>A reviewer confirms a pending response: it is in force from the next request (notify: mailed, then done).</summary>
    public Task<ResponseView> ConfirmAsync(long id, string? reason, string actor, CancellationToken cancellationToken = default) =>
        DecideAsync(id, reason, actor, "response.confirm", ResponseStatus.Pending, ResponseStatus.Active, cancellationToken);

    /// <summary>A reviewer takes an active response back: the gateway stops enforcing it.</summary>
    public Task<ResponseView> ReverseAsync(long id, string? reason, string actor, CancellationToken cancellationToken = default) =>
        DecideAsync(id, reason, actor, "response.reverse", ResponseStatus.Active, ResponseStatus.Reversed, cancellationToken);

    /// <summary>A reviewer refuses a pending response: it never takes effect.</summary>
    public Task<ResponseView> DeclineAsync(long id, string? reason, string actor, CancellationToken cancellationToken = default) =>
        DecideAsync(id, reason, actor, "response.decline", ResponseStatus.Pending, ResponseStatus.Declined, cancellationToken);

    /// <summary>Responses, newest first (at most 500), by status and alert.</summary>
    public async Task<IReadOnlyList<ResponseView>> ListAsync(string? status = null, long? alertId = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Set<ResponseEntity>().AsNoTracking();
        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        if (alertId is { } alert)
        {
            query = query.Where(r => r.AlertId == alert);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var views = new List<ResponseView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(db, row, cancellationToken));
        }

        return views;
    }

    /// <summary>Every active response, for the gateway's board: no personal columns are decrypted.</summary>
    public async Task<IReadOnlyList<ActiveResponse>> InForceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Set<ResponseEntity>().AsNoTracking()
            .Where(r => r.Status == ResponseStatus.Active)
            .Select(r => new ActiveResponse(r.Id, r.Action, r.UserId, r.KeyId, r.Tier, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The user proved a second factor in the console (sign-in, step-up): each active <c>require-reauth</c> response
    /// of theirs made before now is done, audited as <c>response.reauthenticated</c>. Returns how many.
    /// </summary>
    public async Task<int> ReauthenticatedAsync(long userId, string method, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        var action = ResponseNames.Of(ResponseAction.RequireReauth);
        var open = await db.Set<ResponseEntity>().Where(r => r.UserId == userId && r.Action == action && r.Status == ResponseStatus.Active).ToListAsync(cancellationToken);
        var satisfied = open.Where(r => r.CreatedAt <= now).ToList();
        if (satisfied.Count == 0)
        {
            return 0;
        }

        var actor = $"user:{userId.ToString(CultureInfo.InvariantCulture)}";
        foreach (var response in satisfied)
        {
            response.Status = ResponseStatus.Done;
            response.UpdatedAt = now;
            response.DecidedBy = actor;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var response in satisfied)
        {
            await audit.AppendAsync(new AuditEvent("response.reauthenticated", actor, Subject(response.Id), "ok", new Dictionary<string, string> { ["method"] = method }), cancellationToken);
        }

        await RaiseChangedAsync(cancellationToken);
        return satisfied.Count;
    }

    private async Task<ResponseView> DecideAsync(long id, string? reason, string actor, string auditAction, string from, string to, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var response = await db.Set<ResponseEntity>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var refusal = response is null ? (ResponseErrors.UnknownResponse, $"No response has id {id}.")
            : VettingText.CheckReason(reason) is { } problem ? (ErrorCodes.InvalidArgument, problem)
            : response.Status != from ? (ResponseErrors.ResponseWrongState, $"Response {id} is {response.Status}; only a {from} response can be {Past(auditAction)}.")
            : ((ErrorCode, string)?)null;
        if (refusal is { } r)
        {
            await audit.AppendAsync(new AuditEvent(auditAction, actor, Subject(id), "denied", new Dictionary<string, string> { ["reason"] = r.Item1.Name }), cancellationToken);
            throw new TiergateException(r.Item1, r.Item2);
        }

        response!.Status = to;
        response.UpdatedAt = time.GetUtcNow();
        response.DecidedBy = actor.Length <= 128 ? actor : actor[..128];
        response.DecidedReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(auditAction, actor, Subject(id), "ok", new Dictionary<string, string>
        {
            ["action"] = response.Action,
            ["from"] = from,
            ["to"] = to,
            ["tier"] = response.Tier,
            ["user"] = await MaskedAsync(db, response.AlertId, cancellationToken) ? "masked" : $"user:{response.UserId.ToString(CultureInfo.InvariantCulture)}",
        }), cancellationToken);
        if (to == ResponseStatus.Active && response.Action == ResponseNames.Of(ResponseAction.Notify))
        {
            var severity = response.AlertId is { } alertId
                ? await db.Set<AlertEntity>().AsNoTracking().Where(a => a.Id == alertId).Select(a => (int?)a.Severity).FirstOrDefaultAsync(cancellationToken)
                : null;
            await NotifyAsync(db, response, AlertNames.Of((AlertSeverity)(severity ?? 0)), actor, cancellationToken);
        }

        await RaiseChangedAsync(cancellationToken);
        return await ViewAsync(db, response, cancellationToken);
    }

    /// <summary>
    /// Mails every active reviewer and admin that the alert fired (its id, detector, tier and severity: no user, no
    /// evidence, since mail leaves the system), then marks the response done. A failed send is audited, not thrown.
    /// </summary>
    private async Task NotifyAsync(TiergateDbContext db, ResponseEntity response, string severity, string actor, CancellationToken cancellationToken)
    {
        var reviewers = await db.Users.AsNoTracking()
            .Where(u => u.Role >= (int)UserRole.Reviewer && u.DisabledAt == null)
            .Select(u => u.Email)
            .ToListAsync(cancellationToken);
        var alert = response.AlertId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "none";
        var body = $"""
            Tiergate monitoring raised alert {alert} ({response.Detector}, severity {severity}) in the tier '{response.Tier}'.
            The tier's policy asks for the reviewers to be told. Look at it with `tiergate alerts list` or on the console's /alerts page.
            """;
        var sent = 0;
        var failed = 0;
        foreach (var email in reviewers)
        {
            try
            {
                if (notifier is not null)
                {
                    await notifier.SendAsync(new UserMessage(email, $"Tiergate alert {alert}: {response.Detector} in {response.Tier}", body, "response.notify"), cancellationToken);
                    sent++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
            }
        }

        response.Status = ResponseStatus.Done;
        response.UpdatedAt = time.GetUtcNow();
        db.Update(response);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("response.notify", actor, Subject(response.Id), failed == 0 && notifier is not null ? "ok" : "failed", new Dictionary<string, string>
        {
            ["mailed"] = sent.ToString(CultureInfo.InvariantCulture),
            ["failed"] = failed.ToString(CultureInfo.InvariantCulture),
            ["mail"] = notifier is null ? "not configured" : "configured",
        }), cancellationToken);
    }

    private async Task RaiseChangedAsync(CancellationToken cancellationToken)
    {
        if (Changed is { } changed)
        {
            foreach (var handler in changed.GetInvocationList().Cast<Func<CancellationToken, Task>>())
            {
                await handler(cancellationToken);
            }
        }
    }

    private static string Past(string auditAction) => auditAction switch
    {
        "response.confirm" => "confirmed",
        "response.reverse" => "reversed",
        _ => "declined",
    };

    private static string Mode(ResponseEntity response) => response.Automatic ? "automatic" : "confirm";

    private static string Subject(long id) => $"response:{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A response to a still-masked alert (an <c>aggregate</c> tier's) names no user or key in any view, as its alert does not.</summary>
    private static async Task<ResponseView> ViewAsync(TiergateDbContext db, ResponseEntity r, CancellationToken cancellationToken)
    {
        if (await MaskedAsync(db, r.AlertId, cancellationToken))
        {
            return new ResponseView(r.Id, r.AlertId, r.Detector, r.Action, Mode(r), 0, null, null, r.Tier, r.Status, r.CreatedAt, r.UpdatedAt, r.DecidedBy, r.DecidedReason);
        }

        var email = await db.Users.AsNoTracking().Where(u => u.Id == r.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return new ResponseView(r.Id, r.AlertId, r.Detector, r.Action, Mode(r), r.UserId, email, r.KeyId, r.Tier, r.Status, r.CreatedAt, r.UpdatedAt, r.DecidedBy, r.DecidedReason);
    }

    private static async Task<bool> MaskedAsync(TiergateDbContext db, long? alertId, CancellationToken cancellationToken) =>
        alertId is { } id && await db.Set<AlertEntity>().AsNoTracking().AnyAsync(a => a.Id == id && a.Masked && a.UnmaskedAt == null, cancellationToken);
}
