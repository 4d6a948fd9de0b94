using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Testing.Storage;
using static Tiergate.Testing.Storage.KeyRingFixture;

namespace Tiergate.Storage.Tests.Crypto;

public sealed class KeyRingTests
{
    [Fact]
    public async Task Decrypt_AnySingleBitFlipped_ThrowsCryptographicException()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var ring = await OpenRingAsync(store, StoreKek(store));
        var ciphertext = ring.Encrypt("passport 123456789"u8, "users.evidence");

        for (var bit = 0; bit < ciphertext.Length * 8; bit++)
        {
            var damaged = (byte[])ciphertext.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.ThrowsAny<CryptographicException>(() => ring.Decrypt(damaged, "users.evidence"));
        }

        Assert.Equal("passport 123456789", Encoding.UTF8.GetString(ring.Decrypt(ciphertext, "users.evidence")));
    }

    [Fact]
    public async Task Decrypt_ValueMovedToOtherColumn_ThrowsCryptographicException()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var ring = await OpenRingAsync(store, StoreKek(store));
        var stored = ring.EncryptString("Alice Example", "users.name");

        Assert.ThrowsAny<CryptographicException>(() => ring.DecryptString(stored, "users.organisation"));
    }

    [Fact]
    public async Task EncryptString_SameValueTwice_GivesDifferentCiphertexts()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var ring = await OpenRingAsync(store, StoreKek(store));

        var first = ring.EncryptString("Alice Example", "users.name");
        var second = ring.EncryptString("Alice Example", "users.name");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("Alice", first, StringComparison.Ordinal);
        Assert.StartsWith(KeyRing.StringPrefix, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_VersionAddedByAnotherProcess_ReloadsRing()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var kek = StoreKek(store);
        var stale = await OpenRingAsync(store, kek);
        await KeyRingStore.AddDataKeyAsync(store.Database.CreateContext, kek, TimeProvider.System);
        var fresh = await OpenRingAsync(store, kek);

        var value = fresh.EncryptString("new", "users.name");

        Assert.Equal(1, stale.ActiveVersion);
        Assert.Equal("new", stale.DecryptString(value, "users.name"));
        Assert.Equal(2, stale.ActiveVersion);
    }

    [Fact]
    public async Task OpenAsync_WrongKek_ThrowsSetupException()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        await OpenRingAsync(store, StoreKek(store));

        var error = await Assert.ThrowsAsync<CryptographicSetupException>(() => OpenRingAsync(store, NewKek()));
        Assert.Contains(KeyEncryptionKey.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WrappedKeyAltered_ThrowsSetupException()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var kek = StoreKek(store);
        await OpenRingAsync(store, kek);
        await store.ExecuteAsync("UPDATE crypto_keys SET wrapped_key = randomblob(60) WHERE kind = 'data'");

        await Assert.ThrowsAsync<CryptographicSetupException>(() => OpenRingAsync(store, kek));
    }

    [Fact]
    public async Task RewrapAsync_NewKek_OldDataReadableAndOldKekRefused()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var oldKek = StoreKek(store);
        var newKek = NewKek();
        var ring = await OpenRingAsync(store, oldKek);
        var stored = ring.EncryptString("Example Org", "users.organisation");

        Assert.Equal(2, await KeyRingStore.RewrapAsync(store.Database.CreateContext, oldKek, newKek));

        var reopened = await OpenRingAsync(store, newKek);
        Assert.Equal("Example Org", reopened.DecryptString(stored, "users.organisation"));
        await Assert.ThrowsAsync<CryptographicSetupException>(() => OpenRingAsync(store, oldKek));
    }

    [Fact]
    public async Task BlindIndex_SameInput_StableWithinRingAndDistinctAcrossPurposesAndRings()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        await using var other = await TestStore.CreateAsync(TestStore.Sqlite);
        var ring = await OpenRingAsync(store, StoreKek(store));
        var otherRing = await OpenRingAsync(other, StoreKek(other));

        var index = ring.BlindIndex("alice@example.org", "users.email");

        Assert.Equal(index, ring.BlindIndex("alice@example.org", "users.email"));
        Assert.Equal(64, index.Length);
        Assert.NotEqual(index, ring.BlindIndex("bob@example.org", "users.email"));
        Assert.NotEqual(index, ring.BlindIndex("alice@example.org", "audit-identifier"));
        Assert.NotEqual(index, otherRing.BlindIndex("alice@example.org", "users.email"));
    }
}
