using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;

namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>
/// A user's passkeys (<c>webauthn_credentials</c>). The WebAuthn ceremonies themselves (challenges, signatures)
/// are the console's; this keeps what they verified, keeps <c>mfa_enrolled</c> true while any factor is left,
/// and advances each signature counter only upward, atomically, so one answer cannot be used twice.
/// </summary>
public sealed class PasskeyStore(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 60;
    public const int MaxCredentialIdBytes = 1023;

    public async Task<IReadOnlyList<PasskeyView>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Set<WebAuthnCredentialEntity>().AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new PasskeyView(c.Id, c.Name, c.CreatedAt, c.LastUsedAt, c.Transports)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)];
    }

    /// <summary>The credential ids of the user's passkeys (the exclude list at registration, the allow list for a second factor).</summary>
    public async Task<IReadOnlyList<byte[]>> CredentialIdsAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Set<WebAuthnCredentialEntity>().AsNoTracking().Where(c => c.UserId == userId).Select(c => c.CredentialId).ToListAsync(cancellationToken);
    }

    public async Task<StoredPasskey?> FindAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        if (credentialId.Length is 0 or > MaxCredentialIdBytes)
        {
            return null;
        }

        await using var db = database.CreateContext();
        return await db.Set<WebAuthnCredentialEntity>().AsNoTracking().Where(c => c.CredentialId == credentialId)
            .Select(c => new StoredPasskey(c.Id, c.UserId, c.PublicKey, c.SignCount)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores a verified credential; the user is MFA-enrolled from now on. False when the credential id is already registered.</summary>
    public async Task<bool> AddAsync(long userId, NewPasskey passkey, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        await using (var db = database.CreateContext())
        {
            if (await db.Set<WebAuthnCredentialEntity>().AnyAsync(c => c.CredentialId == passkey.CredentialId, cancellationToken))
            {
                await audit.AppendAsync(new AuditEvent("mfa.passkey.enrol", actor, $"user:{userId}", "already_registered"), cancellationToken);
                return false;
            }

            db.Set<WebAuthnCredentialEntity>().Add(new WebAuthnCredentialEntity
            {
                UserId = userId,
                CredentialId = passkey.CredentialId,
                PublicKey = passkey.PublicKey,
                SignCount = passkey.SignCount,
                Transports = passkey.Transports,
                AaGuid = passkey.AaGuid,
                Name = passkey.Name,
                CreatedAt = time.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two registrations racing with one credential: the unique index lets one through.
                return false;
            }

            await MfaService.SyncEnrolledAsync(db, userId, cancellationToken);
        }

        // The name is the user's free text: it stays out of the audit record (the guard refuses secret-looking values).
        await audit.AppendAsync(new AuditEvent("mfa.passkey.enrol", actor, $"user:{userId}", "ok", new Dictionary<string, string> { ["aaguid"] = passkey.AaGuid.ToString() }), cancellationToken);
        return true;
    }

    /// <summary>
    /// Records a verified assertion: the counter moves to <paramref name="newSignCount"/> only if it is still
    /// <paramref name="expectedSignCount"/>, so of two requests with one answer only one passes. Authenticators
    /// that keep no counter (always 0) are accepted; one that had a counter must raise it.
    /// </summary>
    public async Task<bool> RecordUseAsync(StoredPasskey passkey, long newSignCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        if (!SignCountAcceptable(passkey.SignCount, newSignCount))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        var updated = await db.Set<WebAuthnCredentialEntity>().Where(c => c.Id == passkey.Id && c.SignCount == passkey.SignCount)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SignCount, newSignCount).SetProperty(c => c.LastUsedAt, now), cancellationToken);
        return updated == 1;
    }

    /// <summary>WebAuthn §6.1.1: a counter that is not zero on both sides must rise.</summary>
    public static bool SignCountAcceptable(long stored, long received) => (stored == 0 && received == 0) || received > stored;

    /// <summary>Removes one of the user's own passkeys (another user's id removes nothing). With no factor left, MFA is no longer enrolled.</summary>
    public async Task<bool> RemoveAsync(long userId, long passkeyId, string actor, CancellationToken cancellationToken = default)
    {
        int removed;
        await using (var db = database.CreateContext())
        {
            removed = await db.Set<WebAuthnCredentialEntity>().Where(c => c.Id == passkeyId && c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            if (removed > 0)
            {
                await MfaService.SyncEnrolledAsync(db, userId, cancellationToken);
            }
        }

        if (removed > 0)
        {
            await audit.AppendAsync(new AuditEvent("mfa.passkey.remove", actor, $"user:{userId}", "ok", new Dictionary<string, string> { ["passkey"] = passkeyId.ToString(System.Globalization.CultureInfo.InvariantCulture) }), cancellationToken);
        }

        return removed > 0;
    }
}
