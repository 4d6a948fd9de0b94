using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts;

/// <summary>
/// What every account aggregate shares: finding a user by email. Emails are stored encrypted, so users
/// are found, and kept unique, by a keyed HMAC of the normalised address (the blind index).
/// </summary>
internal sealed class AccountDirectory(TiergateDatabase database)
{
    public string EmailIndex(string normalisedEmail) =>
        (database.KeyRing ?? throw new InvalidOperationException("The database was not migrated: its key ring is not open."))
            .BlindIndex(normalisedEmail, TiergateDbContext.EmailPurpose);

    /// <summary>The tracked user with this email, or <see cref="UserErrors.UnknownUser"/>.</summary>
    public async Task<UserEntity> FindUserAsync(TiergateDbContext db, string email, CancellationToken cancellationToken)
    {
        var normalised = EmailAddress.Normalise(email);
        var index = EmailIndex(normalised);
        return await db.Users.FirstOrDefaultAsync(u => u.EmailIndex == index, cancellationToken)
            ?? throw new TiergateException(UserErrors.UnknownUser, $"No user has email '{normalised}'.");
    }

    /// <summary>An identity level as administrators write it (<c>verified</c>).</summary>
    public static string IdentityName(IdentityLevel level) => Core.Identity.IdentityRequirement.Name(level);
}
