using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Sessions;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>
/// Password accounts of the console: registration (through <see cref="IUserAdministration.AddAsync"/>, so
/// auto-grants and audit apply), email verification, password checks and resets. Every outcome that
/// depends on whether an email is registered does the same work either way (a dummy Argon2id run for
/// unknown addresses), and none of it logs a password or a token.
/// </summary>
public sealed class ConsoleAccounts(TiergateDatabase database, IUserAdministration users, IAuditLog audit, TimeProvider time, PasswordHasher? hasher = null)
{
    public const string Actor = "console";

    private readonly AccountDirectory _directory = new(database);
    private readonly PasswordHasher _hasher = hasher ?? PasswordHasher.Default;

    /// <summary>
    /// Creates the account with an unverified email and returns its verification token; an address already
    /// registered is left unchanged (the returned result says so, for the notice mail). The password is checked first.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(string normalisedEmail, string password, CancellationToken cancellationToken = default)
    {
        var hash = _hasher.Hash(password); // Before the look-up: both outcomes pay for it.
        var index = _directory.EmailIndex(normalisedEmail);
        await using (var db = database.CreateContext())
        {
            if (await db.Users.AnyAsync(u => u.EmailIndex == index, cancellationToken))
            {
                await audit.AppendAsync(new AuditEvent("account.register", Actor, null, "exists"), cancellationToken);
                return new RegistrationResult(normalisedEmail, null, null);
            }
        }

        UserView user;
        try
        {
            user = await users.AddAsync(normalisedEmail, null, null, IdentityLevel.Email, Actor, cancellationToken);
        }
        catch (TiergateException e) when (e.Code == UserErrors.UserExists)
        {
            return new RegistrationResult(normalisedEmail, null, null); // Registered in between: the same as above.
        }

        var now = time.GetUtcNow();
        await using (var db = database.CreateContext())
        {
            db.Set<ConsoleCredentialEntity>().Add(new ConsoleCredentialEntity { UserId = user.Id, PasswordHash = hash, PasswordChangedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        var token = await IssueTokenAsync(user.Id, AccountTokenPurpose.VerifyEmail, cancellationToken);
        await audit.AppendAsync(new AuditEvent("account.register", Actor, $"user:{user.Id}", "ok"), cancellationToken);
        return new RegistrationResult(normalisedEmail, user.Id, token);
    }

    /// <summary>A new one-time token for <paramref name="purpose"/>; earlier unused ones of the same purpose stop working.</summary>
    public async Task<string> IssueTokenAsync(long userId, string purpose, CancellationToken cancellationToken = default)
    {
        var token = OneTimeTokens.New();
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        await db.Set<AccountTokenEntity>().Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        db.Set<AccountTokenEntity>().Add(new AccountTokenEntity
        {
            UserId = userId,
            Purpose = purpose,
            TokenHash = OneTimeTokens.HashOf(token),
            CreatedAt = now,
            ExpiresAt = now + AccountTokenPurpose.Lifetime(purpose),
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The user id a reset link would go to, for <c>/forgot</c>: null for unknown or disabled addresses.</summary>
    public async Task<long?> FindActiveUserAsync(string normalisedEmail, CancellationToken cancellationToken = default)
    {
        var index = _directory.EmailIndex(normalisedEmail);
        await using var db = database.CreateContext();
        return await db.Users.Where(u => u.EmailIndex == index && u.DisabledAt == null).Select(u => (long?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Marks the email verified; false for an unknown, used or expired token (each token works once).</summary>
    public async Task<bool> VerifyEmailAsync(string token, CancellationToken cancellationToken = default) =>
        await ConfirmEmailAsync(token, cancellationToken) is not null;

    /// <summary>As <see cref="VerifyEmailAsync"/>, answering whose address it confirmed (what else a confirmed address proves, an affiliation, follows from it).</summary>
    public async Task<long?> ConfirmEmailAsync(string token, CancellationToken cancellationToken = default)
    {
        if (await ConsumeAsync(token, AccountTokenPurpose.VerifyEmail, cancellationToken) is not { } userId)
        {
            await audit.AppendAsync(new AuditEvent("account.verify_email", Actor, null, "invalid_token"), cancellationToken);
            return null;
        }

        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        await db.Set<ConsoleCredentialEntity>().Where(c => c.UserId == userId && c.EmailVerifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EmailVerifiedAt, now), cancellationToken);
        await audit.AppendAsync(new AuditEvent("account.verify_email", Actor, $"user:{userId}", "ok"), cancellationToken);
        return userId;
    }

    /// <summary>Checks a password; unknown addresses, users without a console password and disabled users all fail alike.</summary>
    public async Task<SignInCheck> CheckPasswordAsync(string? normalisedEmail, string password, CancellationToken cancellationToken = default)
    {
        if (normalisedEmail is null)
        {
            return Dummy(password);
        }

        var index = _directory.EmailIndex(normalisedEmail);
        await using var db = database.CreateContext();
        var row = await (from u in db.Users
                         join c in db.Set<ConsoleCredentialEntity>() on u.Id equals c.UserId
                         where u.EmailIndex == index && u.DisabledAt == null
                         select new { u.Id, c.PasswordHash, c.EmailVerifiedAt, u.MfaEnrolled }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Dummy(password);
        }

        if (!_hasher.Verify(password, row.PasswordHash))
        {
            return SignInCheck.Failed;
        }

        if (_hasher.NeedsRehash(row.PasswordHash))
        {
            var rehashed = _hasher.Hash(password);
            await db.Set<ConsoleCredentialEntity>().Where(c => c.UserId == row.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PasswordHash, rehashed), cancellationToken);
        }

        return new SignInCheck(row.Id, row.EmailVerifiedAt is not null, row.MfaEnrolled);
    }

    /// <summary>
    /// Sets a new password through a reset token (which also proves the email, and gives a user the operator
    /// added on the CLI their first console password), then ends every session of the user. False for a bad token.
    /// </summary>
    public async Task<long?> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken = default)
    {
        var hash = _hasher.Hash(newPassword);
        if (await ConsumeAsync(token, AccountTokenPurpose.ResetPassword, cancellationToken) is not { } userId)
        {
            await audit.AppendAsync(new AuditEvent("account.password_reset", Actor, null, "invalid_token"), cancellationToken);
            return null;
        }

        var now = time.GetUtcNow();
        await using (var db = database.CreateContext())
        {
            var credential = await db.Set<ConsoleCredentialEntity>().FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);
            if (credential is null)
            {
                db.Set<ConsoleCredentialEntity>().Add(new ConsoleCredentialEntity { UserId = userId, PasswordHash = hash, PasswordChangedAt = now, EmailVerifiedAt = now });
            }
            else
            {
                credential.PasswordHash = hash;
                credential.PasswordChangedAt = now;
                credential.EmailVerifiedAt ??= now;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var ended = await new SessionStore(database, audit, time).RevokeAllAsync(userId, null, $"user:{userId}", cancellationToken);
        await audit.AppendAsync(new AuditEvent("account.password_reset", Actor, $"user:{userId}", "ok", new Dictionary<string, string>
        {
            ["sessions_ended"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), cancellationToken);
        return userId;
    }

    /// <summary>The user's normalised email (for mail and the page header).</summary>
    public async Task<string?> EmailOfAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The email of a token's user while the token is still usable (to check a new password against it); null otherwise.</summary>
    public async Task<string?> TokenEmailAsync(string token, string purpose, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > OneTimeTokens.MaxTokenLength)
        {
            return null;
        }

        var hash = OneTimeTokens.HashOf(token);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        var row = await db.Set<AccountTokenEntity>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null, cancellationToken);
        return row is null || row.ExpiresAt <= now ? null : await EmailOfAsync(row.UserId, cancellationToken);
    }

    private SignInCheck Dummy(string password)
    {
        _hasher.VerifyDummy(password);
        return SignInCheck.Failed;
    }

    /// <summary>Marks the token used in one conditional update, so two concurrent uses cannot both succeed.</summary>
    private async Task<long?> ConsumeAsync(string token, string purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > OneTimeTokens.MaxTokenLength)
        {
            return null;
        }

        var hash = OneTimeTokens.HashOf(token);
        var now = time.GetUtcNow();
        await using var db = database.CreateContext();
        var row = await db.Set<AccountTokenEntity>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, cancellationToken);
        if (row is null || row.UsedAt is not null || row.ExpiresAt <= now)
        {
            return null;
        }

        var updated = await db.Set<AccountTokenEntity>().Where(t => t.Id == row.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        return updated == 1 ? row.UserId : null;
    }
}
