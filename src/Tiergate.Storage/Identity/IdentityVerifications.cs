using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Entities;
using Tiergate.Storage.Vetting;

namespace Tiergate.Storage.Identity;

/// <summary>
/// Verification records on the Tiergate database. Each change and the recomputed standing on the user row are one
/// transaction, serialised per user, so the level the gateway reads always matches the records.
/// </summary>
public sealed class IdentityVerifications(TiergateDatabase database, IAuditLog audit, TimeProvider time) : IIdentityVerifications
{
    private const int UserLockKey = 0x74676976; // "tgiv"

    /// <summary>Most records kept per account: enough for years of re-verification, bounded against a webhook flood.</summary>
    public const int MaxRecordsPerUser = 500;

    public async Task<VerificationView> RecordAsync(long userId, NewVerification verification, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var problem = !VerificationNames.IsMethodName(verification.Method) ? "The method must be 1 to 64 lower-case letters, digits or underscores."
            : VettingText.Check("The evidence", verification.Evidence, UserAdministration.MaxEvidenceLength, required: true)
            ?? (verification.VendorReference is { Length: 0 or > 128 } ? "The vendor reference must be 1 to 128 characters." : null);
        if (problem is not null)
        {
            await AuditAsync("identity.verify", actor, userId, "denied", new() { ["reason"] = ErrorCodes.InvalidArgument.Name }, cancellationToken);
            throw new TiergateException(ErrorCodes.InvalidArgument, problem);
        }

        var now = time.GetUtcNow();
        IdentityCheckEntity record;
        IdentityLevel before, after;
        await using (var db = database.CreateContext())
        {
            await using var transaction = await LockedTransaction.BeginAsync(db, UserLockKey, userId, cancellationToken);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
                ?? throw new TiergateException(UserErrors.UnknownUser, $"No user has id {userId}.");
            var existing = verification.VendorReference is { } reference
                ? await db.Set<IdentityCheckEntity>().FirstOrDefaultAsync(c => c.Method == verification.Method && c.VendorReference == reference, cancellationToken)
                : null;
            if (existing is not null && (existing.UserId != userId || existing.Outcome != (int)VerificationOutcome.Pending))
            {
                await transaction.RollbackAsync(cancellationToken);
                await AuditAsync("identity.verify", actor, userId, "denied", new() { ["reason"] = IdentityErrors.VerificationFinal.Name, ["method"] = verification.Method }, cancellationToken);
                throw new TiergateException(IdentityErrors.VerificationFinal, $"The {verification.Method} session already has a final outcome.");
            }

            if (existing is null && await db.Set<IdentityCheckEntity>().CountAsync(c => c.UserId == userId, cancellationToken) >= MaxRecordsPerUser)
            {
                await transaction.RollbackAsync(cancellationToken);
                await AuditAsync("identity.verify", actor, userId, "denied", new() { ["reason"] = ErrorCodes.InvalidArgument.Name }, cancellationToken);
                throw new TiergateException(ErrorCodes.InvalidArgument, $"The account already has {MaxRecordsPerUser} verification records.");
            }

            record = existing ?? new IdentityCheckEntity { UserId = userId, Method = verification.Method, Evidence = "", RecordedBy = actor, VendorReference = verification.VendorReference };
            record.Kind = (int)verification.Kind;
            record.Outcome = (int)verification.Outcome;
            record.Evidence = verification.Evidence;
            record.ExpiresAt = verification.ExpiresAt;
            record.RecordedBy = actor;
            record.At = now;
            if (existing is null)
            {
                db.Add(record);
            }

            before = (IdentityLevel)user.IdentityLevel;
            after = await RecomputeAsync(db, user, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: on SQLite the audit log needs the write lock the transaction held.
        await AuditAsync("identity.verify", actor, userId, "ok", new()
        {
            ["verification"] = record.Id.ToString(CultureInfo.InvariantCulture),
            ["kind"] = VerificationNames.Of(verification.Kind),
            ["method"] = verification.Method,
            ["outcome"] = VerificationNames.Of(verification.Outcome),
            ["from"] = IdentityRequirement.Name(before),
            ["to"] = IdentityRequirement.Name(after),
        }, cancellationToken);
        return View(record, now);
    }

    public async Task<VerificationView?> FindByVendorReferenceAsync(string method, string vendorReference, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var record = await db.Set<IdentityCheckEntity>().AsNoTracking().FirstOrDefaultAsync(c => c.Method == method && c.VendorReference == vendorReference, cancellationToken);
        return record is null ? null : View(record, time.GetUtcNow());
    }

    public async Task<VerificationView> WithdrawAsync(long verificationId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        IdentityCheckEntity? record;
        IdentityLevel before, after;
        await using (var db = database.CreateContext())
        {
            var userId = await db.Set<IdentityCheckEntity>().Where(c => c.Id == verificationId).Select(c => (long?)c.UserId).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                await AuditAsync("identity.withdraw", actor, null, "denied", new() { ["reason"] = IdentityErrors.UnknownVerification.Name }, cancellationToken);
                throw new TiergateException(IdentityErrors.UnknownVerification, $"No verification has id {verificationId}.");
            }

            if (VettingText.Check("The reason", reason, 2000, required: true) is { } problem)
            {
                await AuditAsync("identity.withdraw", actor, userId, "denied", new() { ["reason"] = ErrorCodes.InvalidArgument.Name }, cancellationToken);
                throw new TiergateException(ErrorCodes.InvalidArgument, problem);
            }

            await using var transaction = await LockedTransaction.BeginAsync(db, UserLockKey, userId.Value, cancellationToken);
            record = await db.Set<IdentityCheckEntity>().FirstAsync(c => c.Id == verificationId, cancellationToken);
            if (record.WithdrawnAt is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                await AuditAsync("identity.withdraw", actor, userId, "denied", new() { ["reason"] = IdentityErrors.VerificationWithdrawn.Name }, cancellationToken);
                throw new TiergateException(IdentityErrors.VerificationWithdrawn, $"Verification {verificationId} was already withdrawn.");
            }

            record.WithdrawnAt = now;
            record.WithdrawnBy = actor;
            record.WithdrawnReason = reason;
            var user = await db.Users.FirstAsync(u => u.Id == record.UserId, cancellationToken);
            before = (IdentityLevel)user.IdentityLevel;
            after = await RecomputeAsync(db, user, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await AuditAsync("identity.withdraw", actor, record.UserId, "ok", new()
        {
            ["verification"] = record.Id.ToString(CultureInfo.InvariantCulture),
            ["kind"] = VerificationNames.Of((VerificationKind)record.Kind),
            ["method"] = record.Method,
            ["from"] = IdentityRequirement.Name(before),
            ["to"] = IdentityRequirement.Name(after),
        }, cancellationToken);
        return View(record, now);
    }

    public async Task<IReadOnlyList<VerificationView>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var now = time.GetUtcNow();
        var records = await db.Set<IdentityCheckEntity>().AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.Id).Take(MaxRecordsPerUser).ToListAsync(cancellationToken);
        return records.Select(r => View(r, now)).ToList();
    }

    /// <summary>Recomputes the user's standing from the records (tracked changes included) and stores it on the user row.</summary>
    private static async Task<IdentityLevel> RecomputeAsync(TiergateDbContext db, UserEntity user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await db.Set<IdentityCheckEntity>().AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        if (stored.Count == 0 && user.IdentityLevel > (int)IdentityLevel.Email)
        {
            // An account given its level before verifications were recorded (databases older than the Vetting
            // migration): its level becomes records first, so that the first new record does not take it away.
            foreach (var kind in user.IdentityLevel == (int)IdentityLevel.Affiliated ? [VerificationKind.Identity, VerificationKind.Affiliation] : new[] { VerificationKind.Identity })
            {
                db.Add(new IdentityCheckEntity
                {
                    UserId = user.Id, Kind = (int)kind, Method = VerificationNames.Operator, Outcome = (int)VerificationOutcome.Verified,
                    Evidence = "level set before verification records were kept", RecordedBy = "migration", At = user.CreatedAt,
                });
            }
        }

        var tracked = db.ChangeTracker.Entries<IdentityCheckEntity>().Select(e => e.Entity).Where(c => c.UserId == user.Id).ToList();
        var records = stored.Where(s => tracked.All(t => t.Id != s.Id)).Concat(tracked);
        var standing = IdentityStanding.Derive(records.Select(Facts), now);
        user.IdentityLevel = (int)standing.Level;
        user.IdentityVerifiedAt = standing.VerifiedAt;
        user.IdentityExpiresAt = standing.IdentityExpiresAt;
        user.AffiliationExpiresAt = standing.AffiliationExpiresAt;
        return standing.Level;
    }

    /// <summary>The standing a user row holds, as the access rules read it.</summary>
    public static IdentityStanding StandingOf(UserEntity user) =>
        new((IdentityLevel)user.IdentityLevel, user.IdentityVerifiedAt, user.IdentityExpiresAt, user.AffiliationExpiresAt);

    private static VerificationFacts Facts(IdentityCheckEntity c) =>
        new((VerificationKind)c.Kind, (VerificationOutcome)c.Outcome, c.At, c.ExpiresAt, c.WithdrawnAt);

    private static VerificationView View(IdentityCheckEntity c, DateTimeOffset now) => new(
        c.Id, c.UserId, VerificationNames.Of((VerificationKind)c.Kind), c.Method, VerificationNames.Of((VerificationOutcome)c.Outcome), c.Evidence,
        c.VendorReference, c.RecordedBy, c.At, c.ExpiresAt, c.WithdrawnAt, c.WithdrawnReason, Facts(c).IsValidAt(now)) { WithdrawnBy = c.WithdrawnBy };

    private ValueTask AuditAsync(string action, string actor, long? userId, string outcome, Dictionary<string, string> details, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent(action, actor, userId is null ? null : $"user:{userId}", outcome, details), cancellationToken);
}
