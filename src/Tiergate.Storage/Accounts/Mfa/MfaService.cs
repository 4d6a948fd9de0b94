using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>
/// TOTP and recovery codes, shared by the console and the CLI (<c>users mfa enrol-totp</c>). Keeps
/// <see cref="UserEntity.MfaEnrolled"/> true exactly while the user has a confirmed factor. Every change is
/// audited; no secret or code is ever logged or audited.
/// </summary>
public sealed class MfaService(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    public const string Issuer = "Tiergate";
    public const int RecoveryCodeCount = 10;
    private const string RecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // No 0/O, 1/I.

    private readonly AccountDirectory _directory = new(database);

    public async Task<MfaStatus> StatusAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var totp = await db.Set<TotpFactorEntity>().AsNoTracking().Where(t => t.UserId == userId).Select(t => new { t.ConfirmedAt }).FirstOrDefaultAsync(cancellationToken);
        var codes = await db.Set<RecoveryCodeEntity>().CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);
        var passkeys = await db.Set<WebAuthnCredentialEntity>().CountAsync(c => c.UserId == userId, cancellationToken);
        return new MfaStatus(totp?.ConfirmedAt is not null, totp is { ConfirmedAt: null }, codes, passkeys);
    }

    /// <summary>
    /// Starts enrolment: a new secret, pending until <see cref="ConfirmTotpAsync"/> sees a code from it (a pending
    /// one is replaced). Refused with <see cref="MfaErrors.AlreadyEnrolled"/> while a confirmed one exists.
    /// </summary>
    public async Task<TotpEnrolment> BeginTotpAsync(long userId, string accountEmail, CancellationToken cancellationToken = default)
    {
        var secret = TotpAlgorithm.NewSecret();
        await using var db = database.CreateContext();
        var existing = await db.Set<TotpFactorEntity>().FirstOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (existing is { ConfirmedAt: not null })
        {
            throw new TiergateException(MfaErrors.AlreadyEnrolled, "A TOTP authenticator is already enrolled; remove it first.");
        }

        if (existing is not null)
        {
            db.Remove(existing);
        }

        db.Set<TotpFactorEntity>().Add(new TotpFactorEntity { UserId = userId, Secret = secret, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return new TotpEnrolment(TotpAlgorithm.Base32(secret), TotpAlgorithm.Uri(secret, Issuer, accountEmail));
    }

    /// <summary>The pending secret again (the enrolment page re-renders it after a wrong code); null when none is pending.</summary>
    public async Task<TotpEnrolment?> PendingTotpAsync(long userId, string accountEmail, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var pending = await db.Set<TotpFactorEntity>().AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId && t.ConfirmedAt == null, cancellationToken);
        return pending is null ? null : new TotpEnrolment(TotpAlgorithm.Base32(pending.Secret), TotpAlgorithm.Uri(pending.Secret, Issuer, accountEmail));
    }

    /// <summary>
    /// Confirms the pending secret with a code from it: the factor is enrolled, <c>mfa_enrolled</c> set, and ten new
    /// recovery codes returned (shown once). Null when the code is wrong or nothing is pending.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ConfirmTotpAsync(long userId, string code, string actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using (var db = database.CreateContext())
        {
            var pending = await db.Set<TotpFactorEntity>().FirstOrDefaultAsync(t => t.UserId == userId && t.ConfirmedAt == null, cancellationToken);
            if (pending is null || TotpAlgorithm.MatchStep(pending.Secret, Clean(code), now) is not { } step)
            {
                await audit.AppendAsync(new AuditEvent("mfa.totp.enrol", actor, $"user:{userId}", "invalid_code"), cancellationToken);
                return null;
            }

            pending.ConfirmedAt = now;
            pending.LastUsedStep = step;
            await db.SaveChangesAsync(cancellationToken);
            await SetEnrolledAsync(db, userId, true, cancellationToken);
        }

        var codes = await ReplaceRecoveryCodesAsync(userId, cancellationToken);
        await audit.AppendAsync(new AuditEvent("mfa.totp.enrol", actor, $"user:{userId}", "ok"), cancellationToken);
        return codes;
    }

    /// <summary>
    /// Enrols TOTP for the user with this email at once (no confirmation code: an operator sets up a service
    /// account or a headless user). Returns the secret to show once; refused when one is already enrolled.
    /// </summary>
    public async Task<(long UserId, string Email, TotpEnrolment Enrolment)> EnrolTotpForAsync(string email, string actor, CancellationToken cancellationToken = default)
    {
        long userId;
        string normalised;
        await using (var db = database.CreateContext())
        {
            var user = await _directory.FindUserAsync(db, email, cancellationToken);
            userId = user.Id;
            normalised = user.Email;
        }

        var enrolment = await BeginTotpAsync(userId, normalised, cancellationToken);
        await using (var db = database.CreateContext())
        {
            var now = time.GetUtcNow();
            await db.Set<TotpFactorEntity>().Where(t => t.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ConfirmedAt, now), cancellationToken);
            await SetEnrolledAsync(db, userId, true, cancellationToken);
        }

        await audit.AppendAsync(new AuditEvent("mfa.totp.enrol", actor, $"user:{userId}", "ok", new Dictionary<string, string> { ["by"] = "operator" }), cancellationToken);
        return (userId, normalised, enrolment);
    }

    /// <summary>
    /// Checks a second factor: a TOTP code (accepted only for a time step after the last one used, so each code
    /// works once) or an unused recovery code (then used up). Audited as <c>mfa.verify</c>.
    /// </summary>
    public async Task<SecondFactorResult> VerifyAsync(long userId, string? code, string actor, CancellationToken cancellationToken = default)
    {
        var result = await CheckAsync(userId, Clean(code ?? ""), cancellationToken);
        await audit.AppendAsync(new AuditEvent("mfa.verify", actor, $"user:{userId}", result == SecondFactorResult.Refused ? "failed" : "ok", new Dictionary<string, string>
        {
            ["method"] = result switch { SecondFactorResult.Totp => "totp", SecondFactorResult.RecoveryCode => "recovery_code", _ => "none" },
        }), cancellationToken);
        return result;
    }

    /// <summary>Ten new recovery codes (the old ones stop working); shown once.</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(long userId, string actor, CancellationToken cancellationToken = default)
    {
        var codes = await ReplaceRecoveryCodesAsync(userId, cancellationToken);
        await audit.AppendAsync(new AuditEvent("mfa.recovery_codes.regenerate", actor, $"user:{userId}", "ok"), cancellationToken);
        return codes;
    }

    /// <summary>
    /// Removes the TOTP authenticator. With no factor left (no passkey either), <c>mfa_enrolled</c> becomes false
    /// and the recovery codes go too.
    /// </summary>
    public async Task RemoveTotpAsync(long userId, string actor, CancellationToken cancellationToken = default)
    {
        await using (var db = database.CreateContext())
        {
            await db.Set<TotpFactorEntity>().Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (!await SyncEnrolledAsync(db, userId, cancellationToken))
            {
                await db.Set<RecoveryCodeEntity>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            }
        }

        await audit.AppendAsync(new AuditEvent("mfa.totp.remove", actor, $"user:{userId}", "ok"), cancellationToken);
    }

    private async Task<SecondFactorResult> CheckAsync(long userId, string code, CancellationToken cancellationToken)
    {
        if (code.Length is 0 or > 64)
        {
            return SecondFactorResult.Refused;
        }

        await using var db = database.CreateContext();
        if (code.Length == TotpAlgorithm.Digits && code.All(char.IsAsciiDigit))
        {
            var factor = await db.Set<TotpFactorEntity>().AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken);
            if (factor is null || TotpAlgorithm.MatchStep(factor.Secret, code, time.GetUtcNow()) is not { } step || step <= factor.LastUsedStep)
            {
                return SecondFactorResult.Refused;
            }

            // Conditional on the step still being later, so two requests racing with one code cannot both pass.
            var updated = await db.Set<TotpFactorEntity>().Where(t => t.UserId == userId && t.LastUsedStep < step)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedStep, step), cancellationToken);
            return updated == 1 ? SecondFactorResult.Totp : SecondFactorResult.Refused;
        }

        var hash = HashCode(code);
        var now = time.GetUtcNow();
        var used = await db.Set<RecoveryCodeEntity>().Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return used >= 1 ? SecondFactorResult.RecoveryCode : SecondFactorResult.Refused;
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        await using var db = database.CreateContext();
        await db.Set<RecoveryCodeEntity>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.Set<RecoveryCodeEntity>().AddRange(codes.Select(c => new RecoveryCodeEntity { UserId = userId, CodeHash = HashCode(Clean(c)), CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>Sets <c>mfa_enrolled</c> from the factors the user has now (a confirmed TOTP or any passkey); returns it.</summary>
    internal static async Task<bool> SyncEnrolledAsync(TiergateDbContext db, long userId, CancellationToken cancellationToken)
    {
        var enrolled = await db.Set<TotpFactorEntity>().AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken)
            || await db.Set<WebAuthnCredentialEntity>().AnyAsync(c => c.UserId == userId, cancellationToken);
        await SetEnrolledAsync(db, userId, enrolled, cancellationToken);
        return enrolled;
    }

    private static async Task SetEnrolledAsync(TiergateDbContext db, long userId, bool enrolled, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.MfaEnrolled, enrolled), cancellationToken);

    /// <summary>Ten characters from a 32-letter alphabet (50 bits), shown as two groups of five.</summary>
    private static string NewRecoveryCode()
    {
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)];
        }

        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    /// <summary>A keyed hash (the key ring's blind index), so a copy of the table alone cannot be searched for codes.</summary>
    private string HashCode(string cleaned) =>
        (database.KeyRing ?? throw new InvalidOperationException("The database was not migrated: its key ring is not open.")).BlindIndex(cleaned, MfaModel.RecoveryCodePurpose);

    /// <summary>Codes as typed: spaces and dashes dropped, letters upper-cased.</summary>
    private static string Clean(string code) =>
        new string(code.Where(c => c is not (' ' or '-' or '\t')).ToArray()).ToUpperInvariant();
}
