using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Crypto;

/// <summary>Keeps the key ring in the <c>crypto_keys</c> table, each key wrapped by the KEK.</summary>
public static class KeyRingStore
{
    private const long PostgresLockKey = 0x5447_4B45_5952; // "TGKEYR"
    private const int KeyLength = 32;

    /// <summary>Opens the ring, creating data key version 1 and the index key on first use.</summary>
    public static async Task<KeyRing> OpenAsync(Func<TiergateDbContext> contexts, KeyEncryptionKey kek, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(kek);
        ArgumentNullException.ThrowIfNull(time);
        await using (var db = contexts())
        {
            var present = await db.Set<CryptoKeyEntity>().AsNoTracking().AnyAsync(cancellationToken);
            if (!present)
            {
                await using var transaction = await LockedTransaction.BeginAsync(db, PostgresLockKey, cancellationToken);
                var kinds = await db.Set<CryptoKeyEntity>().Select(k => k.Kind).Distinct().ToListAsync(cancellationToken);
                foreach (var kind in new[] { CryptoKeyEntity.DataKind, CryptoKeyEntity.IndexKind }.Except(kinds))
                {
                    db.Add(NewKey(kind, 1, kek, time));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return new KeyRing(Read(contexts, kek), () => Read(contexts, kek));
    }

    /// <summary>Adds data key version max+1, which becomes the active one. Returns its version.</summary>
    public static async Task<int> AddDataKeyAsync(Func<TiergateDbContext> contexts, KeyEncryptionKey kek, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = contexts();
        await using var transaction = await LockedTransaction.BeginAsync(db, PostgresLockKey, cancellationToken);
        var current = await db.Set<CryptoKeyEntity>().Where(k => k.Kind == CryptoKeyEntity.DataKind)
            .Select(k => (int?)k.Version).MaxAsync(cancellationToken) ?? 0;
        var version = current + 1;
        db.Add(NewKey(CryptoKeyEntity.DataKind, version, kek, time));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>Re-wraps every stored key under <paramref name="newKek"/> (rotating the KEK). Returns how many keys.</summary>
    public static async Task<int> RewrapAsync(Func<TiergateDbContext> contexts, KeyEncryptionKey oldKek, KeyEncryptionKey newKek, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(oldKek);
        ArgumentNullException.ThrowIfNull(newKek);
        await using var db = contexts();
        await using var transaction = await LockedTransaction.BeginAsync(db, PostgresLockKey, cancellationToken);
        var keys = await db.Set<CryptoKeyEntity>().ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            var context = WrapContext(key.Kind, key.Version);
            key.WrappedKey = newKek.Wrap(Unwrap(key, oldKek), context);
            key.KekId = newKek.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return keys.Count;
    }

    internal static KeyRingSnapshot Read(Func<TiergateDbContext> contexts, KeyEncryptionKey kek)
    {
        using var db = contexts();
        var rows = db.Set<CryptoKeyEntity>().AsNoTracking().ToList();
        var data = rows.Where(k => k.Kind == CryptoKeyEntity.DataKind).ToDictionary(k => k.Version, k => Unwrap(k, kek));
        var index = rows.SingleOrDefault(k => k.Kind == CryptoKeyEntity.IndexKind)
            ?? throw new CryptographicSetupException("the key ring has no index key");
        if (data.Count == 0)
        {
            throw new CryptographicSetupException("the key ring has no data key");
        }

        return new KeyRingSnapshot(data, data.Keys.Max(), Unwrap(index, kek));
    }

    private static byte[] Unwrap(CryptoKeyEntity key, KeyEncryptionKey kek)
    {
        if (!string.Equals(key.KekId, kek.Id, StringComparison.Ordinal))
        {
            throw new CryptographicSetupException(
                $"{key.Kind} key version {key.Version} was wrapped by key-encryption key {key.KekId}, but the key-encryption key given is {kek.Id}; set {KeyEncryptionKey.EnvironmentVariable} or --kek-file to the right one");
        }

        try
        {
            return kek.Unwrap(key.WrappedKey, WrapContext(key.Kind, key.Version));
        }
        catch (CryptographicException ex)
        {
            throw new CryptographicSetupException($"{key.Kind} key version {key.Version} could not be unwrapped: it was altered", ex);
        }
    }

    private static CryptoKeyEntity NewKey(string kind, int version, KeyEncryptionKey kek, TimeProvider time) => new()
    {
        Kind = kind,
        Version = version,
        WrappedKey = kek.Wrap(RandomNumberGenerator.GetBytes(KeyLength), WrapContext(kind, version)),
        KekId = kek.Id,
        CreatedAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
    };

    private static string WrapContext(string kind, int version) => $"tiergate-key-v1|{kind}|{version}";
}
