using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts;

namespace Tiergate.Storage.Alerts;

/// <summary>
/// Alerts: raised by detectors, listed and closed by operators and reviewers. Every alert and every status change is
/// an audit record (the alert's id, detector, tier and severity; never its evidence, which may be personal).
/// </summary>
public sealed class AlertStore(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    /// <summary>Evidence is bounded so that a detector bug cannot fill the database: keys and values are cut.</summary>
    public const int MaxEvidenceEntries = 32, MaxEvidenceValueLength = 500;

    private readonly AccountDirectory _directory = new(database);

    /// <summary>Stores a new open alert, linked to the previous alert of the same detector for the same user.</summary>
    public async Task<AlertView> RaiseAsync(NewAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        var previous = alert.UserId is { } user
            ? await db.Set<AlertEntity>().Where(a => a.UserId == user && a.Detector == alert.Detector).OrderByDescending(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var entity = new AlertEntity
        {
            Detector = alert.Detector,
            UserId = alert.UserId,
            KeyId = alert.KeyId,
            Tier = alert.Tier,
            Severity = (int)alert.Severity,
            Status = (int)AlertStatus.Open,
            Evidence = JsonSerializer.Serialize(Bounded(alert.Evidence)),
            RelatedAlertId = previous,
            Masked = alert.Masked,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("alert.raise", $"detector:{alert.Detector}", Subject(entity), "ok", Details(entity)), cancellationToken);
        return await ViewAsync(db, entity, cancellationToken);
    }

    /// <summary>Alerts, newest first (at most 500), by status and user; a read of personal data, audited as <c>alert.list</c>.</summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status, string? email, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Set<AlertEntity>().AsNoTracking();
        long? userId = null;
        if (email is not null)
        {
            userId = (await _directory.FindUserAsync(db, email, cancellationToken)).Id;
            query = query.Where(a => a.UserId == userId);
        }

        if (status is { } s)
        {
            query = query.Where(a => a.Status == (int)s);
        }

        var alerts = await query.OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var views = new List<AlertView>(alerts.Count);
        foreach (var alert in alerts)
        {
            views.Add(await ViewAsync(db, alert, cancellationToken));
        }

        await audit.AppendAsync(new AuditEvent("alert.list", actor, userId is { } id ? $"user:{id}" : null, "ok", new Dictionary<string, string>
        {
            ["status"] = status is { } st ? AlertNames.Of(st) : "any",
            ["count"] = views.Count.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        return views;
    }

    /// <summary>
    /// Changes an alert's status with a written reason (audited as <c>alert.status</c>, refusals too). A resolved or
    /// false-positive alert is closed: its status does not change again (<see cref="AlertErrors.AlertClosed"/>).
    /// </summary>
    public async Task<AlertView> SetStatusAsync(long id, AlertStatus status, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var alert = await db.Set<AlertEntity>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var refusal = alert is null ? (AlertErrors.UnknownAlert, $"No alert has id {id}.")
            : status == AlertStatus.Open ? (ErrorCodes.InvalidArgument, "An alert cannot be reopened; a new one is raised when the detector fires again.")
            : VettingText.CheckReason(reason) is { } problem ? (ErrorCodes.InvalidArgument, problem)
            : alert.Status is (int)AlertStatus.Resolved or (int)AlertStatus.FalsePositive ? (AlertErrors.AlertClosed, $"Alert {id} is already {AlertNames.Of((AlertStatus)alert.Status)}.")
            : ((ErrorCode, string)?)null;
        if (refusal is { } r)
        {
            await audit.AppendAsync(new AuditEvent("alert.status", actor, $"alert:{id}", "denied", new Dictionary<string, string> { ["reason"] = r.Item1.Name, ["to"] = AlertNames.Of(status) }), cancellationToken);
            throw new TiergateException(r.Item1, r.Item2);
        }

        var from = (AlertStatus)alert!.Status;
        alert.Status = (int)status;
        alert.StatusBy = actor.Length <= 128 ? actor : actor[..128];
        alert.StatusReason = reason;
        alert.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("alert.status", actor, Subject(alert), "ok", new Dictionary<string, string>
        {
            ["from"] = AlertNames.Of(from),
            ["to"] = AlertNames.Of(status),
        }), cancellationToken);
        return await ViewAsync(db, alert, cancellationToken);
    }

    private static Dictionary<string, string> Bounded(IReadOnlyDictionary<string, string> evidence) =>
        evidence.Take(MaxEvidenceEntries).ToDictionary(e => Cut(e.Key, 64), e => Cut(e.Value, MaxEvidenceValueLength), StringComparer.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Subject(AlertEntity alert) => $"alert:{alert.Id.ToString(CultureInfo.InvariantCulture)}";

    private static Dictionary<string, string> Details(AlertEntity alert)
    {
        var details = new Dictionary<string, string>
        {
            ["detector"] = alert.Detector,
            ["severity"] = AlertNames.Of((AlertSeverity)alert.Severity),
            ["tier"] = alert.Tier ?? "none",
            ["user"] = alert.UserId is { } u ? $"user:{u.ToString(CultureInfo.InvariantCulture)}" : "none",
        };
        if (alert.RelatedAlertId is { } related)
        {
            details["related"] = $"alert:{related.ToString(CultureInfo.InvariantCulture)}";
        }

        return details;
    }

    private static async Task<AlertView> ViewAsync(TiergateDbContext db, AlertEntity a, CancellationToken cancellationToken)
    {
        var email = a.UserId is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) : null;
        var evidence = JsonSerializer.Deserialize<Dictionary<string, string>>(a.Evidence) ?? [];
        return new AlertView(a.Id, a.Detector, email, a.KeyId, a.Tier, AlertNames.Of((AlertSeverity)a.Severity), AlertNames.Of((AlertStatus)a.Status),
            evidence, a.RelatedAlertId, a.CreatedAt, a.UpdatedAt, a.StatusBy, a.StatusReason);
    }
}
