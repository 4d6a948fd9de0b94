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
/// A masked alert (raised in an <c>aggregate</c>-privacy tier) names no user or key in any view, list filter or
/// audit record until someone unmasks it with a reason (<see cref="UnmaskAsync"/>).
/// </summary>
public sealed class AlertStore(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    /// <summary>Evidence is bounded so that a detector bug cannot fill the database: keys and values are cut.</summary>
    public const int MaxEvidenceEntries = 32, MaxEvidenceValueLength = 500;

    /// <summary>Serialises changes to one alert (status, unmask), so a replayed post changes it once.</summary>
    private const int AlertLockKey = 0x7467616c; // "tgal"

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

    /// <summary>
    /// Alerts, newest first (at most 500), by status and user; a read of personal data, audited as <c>alert.list</c>.
    /// Filtering by user leaves out that user's alerts that are still masked: the filter must not reveal whom they name.
    /// </summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status, string? email, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Set<AlertEntity>().AsNoTracking();
        long? userId = null;
        if (email is not null)
        {
            userId = (await _directory.FindUserAsync(db, email, cancellationToken)).Id;
            query = query.Where(a => a.UserId == userId && (!a.Masked || a.UnmaskedAt != null));
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

    /// <summary>One alert (masked as its state says), audited as <c>alert.read</c>; <see cref="AlertErrors.UnknownAlert"/> when absent.</summary>
    public async Task<AlertView> GetAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var alert = await db.Set<AlertEntity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new TiergateException(AlertErrors.UnknownAlert, $"No alert has id {id}.");
        await audit.AppendAsync(new AuditEvent("alert.read", actor, Subject(alert), "ok"), cancellationToken);
        return await ViewAsync(db, alert, cancellationToken);
    }

    /// <summary>Whether this console user holds the <c>privacy</c> permission (read from the database on each call).</summary>
    public async Task<bool> MayUnmaskAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.PrivacyPermission && u.DisabledAt == null, cancellationToken);
    }

    /// <summary>
    /// Changes an alert's status with a written reason (audited as <c>alert.status</c>, refusals too). A resolved or
    /// false-positive alert is closed: its status does not change again (<see cref="AlertErrors.AlertClosed"/>).
    /// </summary>
    public async Task<AlertView> SetStatusAsync(long id, AlertStatus status, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var transaction = await LockedTransaction.BeginAsync(db, AlertLockKey, id, cancellationToken);
        var alert = await db.Set<AlertEntity>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var refusal = alert is null ? (AlertErrors.UnknownAlert, $"No alert has id {id}.")
            : status == AlertStatus.Open ? (ErrorCodes.InvalidArgument, "An alert cannot be reopened; a new one is raised when the detector fires again.")
            : VettingText.CheckReason(reason) is { } problem ? (ErrorCodes.InvalidArgument, problem)
            : alert.Status is (int)AlertStatus.Resolved or (int)AlertStatus.FalsePositive ? (AlertErrors.AlertClosed, $"Alert {id} is already {AlertNames.Of((AlertStatus)alert.Status)}.")
            : ((ErrorCode, string)?)null;
        if (refusal is { } r)
        {
            await transaction.RollbackAsync(cancellationToken);
            await audit.AppendAsync(new AuditEvent("alert.status", actor, $"alert:{id}", "denied", new Dictionary<string, string> { ["reason"] = r.Item1.Name, ["to"] = AlertNames.Of(status) }), cancellationToken);
            throw new TiergateException(r.Item1, r.Item2);
        }

        var from = (AlertStatus)alert!.Status;
        alert.Status = (int)status;
        alert.StatusBy = Cut(actor, 128);
        alert.StatusReason = reason;
        alert.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("alert.status", actor, Subject(alert), "ok", new Dictionary<string, string>
        {
            ["from"] = AlertNames.Of(from),
            ["to"] = AlertNames.Of(status),
        }), cancellationToken);
        return await ViewAsync(db, alert, cancellationToken);
    }

    /// <summary>
    /// Unmasks an <c>aggregate</c>-privacy alert so that it names its user and key, recording who, when and why (the
    /// reason is encrypted); audited as <c>alert.unmask</c>, refusals too (unknown alert, empty reason, not masked, no
    /// permission). <paramref name="asUser"/> is the console user acting, whose <c>privacy</c> permission is checked
    /// here, in the same transaction; null is an operator at the CLI, who holds the database itself.
    /// </summary>
    public async Task<AlertView> UnmaskAsync(long id, string? reason, string actor, long? asUser, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var transaction = await LockedTransaction.BeginAsync(db, AlertLockKey, id, cancellationToken);
        var alert = await db.Set<AlertEntity>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var permitted = asUser is not { } user || await db.Users.AsNoTracking().AnyAsync(u => u.Id == user && u.PrivacyPermission && u.DisabledAt == null, cancellationToken);
        var refusal = !permitted ? (AlertErrors.PrivacyPermissionRequired, "Only a user with the privacy permission may unmask an alert.")
            : alert is null ? (AlertErrors.UnknownAlert, $"No alert has id {id}.")
            : VettingText.CheckReason(reason) is { } problem ? (ErrorCodes.InvalidArgument, problem)
            : !alert.Masked || alert.UnmaskedAt is not null ? (AlertErrors.AlertNotMasked, $"Alert {id} names its user already: it was never masked or is unmasked.")
            : ((ErrorCode, string)?)null;
        if (refusal is { } r)
        {
            await transaction.RollbackAsync(cancellationToken);
            await audit.AppendAsync(new AuditEvent("alert.unmask", actor, $"alert:{id}", "denied", new Dictionary<string, string> { ["reason"] = r.Item1.Name }), cancellationToken);
            throw new TiergateException(r.Item1, r.Item2);
        }

        var now = time.GetUtcNow();
        alert!.UnmaskedBy = Cut(actor, 128);
        alert.UnmaskedAt = now;
        alert.UnmaskedReason = reason;
        alert.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("alert.unmask", actor, Subject(alert), "ok", Details(alert)), cancellationToken);
        return await ViewAsync(db, alert, cancellationToken);
    }

    private static Dictionary<string, string> Bounded(IReadOnlyDictionary<string, string> evidence) =>
        evidence.Take(MaxEvidenceEntries).ToDictionary(e => Cut(e.Key, 64), e => Cut(e.Value, MaxEvidenceValueLength), StringComparer.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Subject(AlertEntity alert) => $"alert:{alert.Id.ToString(CultureInfo.InvariantCulture)}";

    private static bool IsMasked(AlertEntity alert) => alert.Masked && alert.UnmaskedAt is null;

    private static Dictionary<string, string> Details(AlertEntity alert)
    {
        var details = new Dictionary<string, string>
        {
            ["detector"] = alert.Detector,
            ["severity"] = AlertNames.Of((AlertSeverity)alert.Severity),
            ["tier"] = alert.Tier ?? "none",
            ["user"] = IsMasked(alert) ? "masked" : alert.UserId is { } u ? $"user:{u.ToString(CultureInfo.InvariantCulture)}" : "none",
        };
        if (alert.RelatedAlertId is { } related)
        {
            details["related"] = $"alert:{related.ToString(CultureInfo.InvariantCulture)}";
        }

        return details;
    }

    private static async Task<AlertView> ViewAsync(TiergateDbContext db, AlertEntity a, CancellationToken cancellationToken)
    {
        var masked = IsMasked(a);
        var email = !masked && a.UserId is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) : null;
        var evidence = JsonSerializer.Deserialize<Dictionary<string, string>>(a.Evidence) ?? [];
        return new AlertView(a.Id, a.Detector, email, masked ? null : a.KeyId, a.Tier, AlertNames.Of((AlertSeverity)a.Severity), AlertNames.Of((AlertStatus)a.Status),
            evidence, a.RelatedAlertId, a.CreatedAt, a.UpdatedAt, a.StatusBy, a.StatusReason)
        {
            Masked = masked,
            UnmaskedBy = a.UnmaskedBy,
            UnmaskedAt = a.UnmaskedAt,
            UnmaskedReason = a.UnmaskedReason,
        };
    }
}
