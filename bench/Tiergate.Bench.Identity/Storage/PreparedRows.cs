using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tiergate.Bench.Identity.Population;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Identifiers;
using Tiergate.Storage;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Bench.Identity.Storage;

/// <summary>
/// The rows the bulk insert writes, computed as the product does: the email encrypted and blind-indexed under the
/// database's key ring, each identifier normalised by the graph's own normaliser and hashed with its keyed HMAC
/// (one row per distinct hash per account, as the table's unique index demands). Values the normaliser refuses are
/// counted per kind, not inserted.
/// </summary>
internal sealed class PreparedRows
{
    public const string Source = "bench";

    private static readonly ValueConverter Instant = new DateTimeOffsetToBinaryConverter();

    public required IReadOnlyList<UserRow> Users { get; init; }

    public required IReadOnlyList<IdentifierRow> Identifiers { get; init; }

    public required IReadOnlyDictionary<IdentifierKind, int> Refused { get; init; }

    public static long Binary(DateTimeOffset instant) => (long)Instant.ConvertToProvider(instant)!;

    /// <summary>Rows for <paramref name="accounts"/>, user ids from <paramref name="firstUserId"/> on, in account order.</summary>
    public static PreparedRows For(IReadOnlyList<Account> accounts, long firstUserId, KeyRing ring, DateTimeOffset now)
    {
        var created = Binary(now);
        var users = new UserRow[accounts.Count];
        var identifiers = new List<IdentifierRow>(accounts.Sum(a => a.Identifiers.Count));
        var refused = new Dictionary<IdentifierKind, int>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            var userId = firstUserId + i;
            var email = EmailAddress.Normalise(account.Email);
            users[i] = new UserRow(userId, ring.EncryptString(email, TiergateDbContext.EmailPurpose), ring.BlindIndex(email, TiergateDbContext.EmailPurpose),
                (int)(account.Verified ? Tiergate.Core.Policy.IdentityLevel.Verified : Tiergate.Core.Policy.IdentityLevel.Email), created);
            var seen = new HashSet<(IdentifierKind, string)>();
            foreach (var identifier in account.Identifiers)
            {
                if (Hash(ring, identifier) is { } hash)
                {
                    if (seen.Add((identifier.Kind, hash)))
                    {
                        identifiers.Add(new IdentifierRow(userId, (int)identifier.Kind, hash, created));
                    }
                }
                else
                {
                    refused[identifier.Kind] = refused.GetValueOrDefault(identifier.Kind) + 1;
                }
            }
        }

        return new PreparedRows { Users = users, Identifiers = identifiers, Refused = refused };
    }

    /// <summary>The keyed hash the graph stores for this value, or null when its normaliser refuses the value.</summary>
    public static string? Hash(KeyRing ring, IdentifierValue identifier)
    {
        try
        {
            return IdentifierValues.Hash(ring, identifier.Kind, IdentifierValues.Normalise(identifier.Kind, identifier.Raw));
        }
        catch (TiergateException)
        {
            return null;
        }
    }

    /// <summary>The name the graph uses for a kind, for reports.</summary>
    public static string NameOf(IdentifierKind kind) => IdentifierNormaliser.NameOf(kind);
}
