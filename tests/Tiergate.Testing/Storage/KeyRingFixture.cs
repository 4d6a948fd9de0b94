using System.Security.Cryptography;
using Tiergate.Storage.Crypto;

namespace Tiergate.Testing.Storage;

/// <summary>Key-ring helpers shared by the key-ring tests of both lanes.</summary>
public static class KeyRingFixture
{
    public static KeyEncryptionKey NewKek() => new(RandomNumberGenerator.GetBytes(KeyEncryptionKey.Length));

    /// <summary>The key-encryption key the store's own data directory holds (TestStore opened its ring with it).</summary>
    public static KeyEncryptionKey StoreKek(TestStore store) => KeyEncryptionKey.Load(store.Options);

    public static Task<KeyRing> OpenRingAsync(TestStore store, KeyEncryptionKey kek) =>
        KeyRingStore.OpenAsync(store.Database.CreateContext, kek, TimeProvider.System);
}
