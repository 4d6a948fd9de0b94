using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Tests.Support;

namespace Tiergate.Storage.Tests.Crypto;

public sealed class KeyRingTests
{
    public static TheoryData<string> Providers => new() { TestStore.Sqlite, TestStore.Postgres };

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

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StoredColumn_BitFlippedInDatabase_ReadFails(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var kek = StoreKek(store);
        var ring = await OpenRingAsync(store, kek);
        var contexts = await CreateNotesAsync(store, ring, ("secret", [1, 2, 3]));
        await using (var raw = NotesContext.Factory(store, null)())
        {
            var note = await raw.Set<SecretNoteEntity>().SingleAsync();
            var bytes = Convert.FromBase64String(note.Body[KeyRing.StringPrefix.Length..]);
            bytes[^3] ^= 0x10;
            await raw.Database.ExecuteSqlRawAsync("UPDATE secret_notes SET body = {0} WHERE id = 1", KeyRing.StringPrefix + Convert.ToBase64String(bytes));
        }

        await using var db = contexts();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Set<SecretNoteEntity>().SingleAsync());
        Assert.True(Chain(error).Any(e => e is CryptographicException), error.ToString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RotateAsync_ExistingData_ReencryptsUnderNewVersionAndStaysReadable(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var kek = StoreKek(store);
        var ring = await OpenRingAsync(store, kek);
        await CreateNotesAsync(store, ring, ("alpha", [1]), ("beta", null), ("gamma", [3, 3]));
        var keptAside = ring.EncryptString("written before rotation", "secret_notes.body");
        var before = await RawBodiesAsync(store);

        var result = await KeyRotation.RotateAsync(NotesContext.Factory(store, ring), kek, TimeProvider.System);

        Assert.Equal(2, result.NewVersion);
        Assert.Equal(3, result.Columns.Single(c => c.Column == "body").Rows);
        Assert.Equal(2, result.Columns.Single(c => c.Column == "evidence").Rows);
        var after = await RawBodiesAsync(store);
        Assert.All(after, body => Assert.Equal(2, KeyRing.VersionOf(body)));
        Assert.Empty(after.Intersect(before));
        var rotated = await OpenRingAsync(store, kek);
        await using (var db = NotesContext.Factory(store, rotated)())
        {
            var notes = await db.Set<SecretNoteEntity>().OrderBy(n => n.Id).ToListAsync();
            Assert.Equal(["alpha", "beta", "gamma"], notes.Select(n => n.Body));
            Assert.Equal([3, 3], notes[2].Evidence);
        }

        Assert.Equal("written before rotation", rotated.DecryptString(keptAside, "secret_notes.body"));
        Assert.Equal(1, KeyRing.VersionOf(keptAside));
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

    internal static KeyEncryptionKey NewKek() => new(RandomNumberGenerator.GetBytes(KeyEncryptionKey.Length));

    /// <summary>The key-encryption key the store's own data directory holds (TestStore opened its ring with it).</summary>
    internal static KeyEncryptionKey StoreKek(TestStore store) => KeyEncryptionKey.Load(store.Options);

    internal static Task<KeyRing> OpenRingAsync(TestStore store, KeyEncryptionKey kek) =>
        KeyRingStore.OpenAsync(store.Database.CreateContext, kek, TimeProvider.System);

    private static async Task<Func<TiergateDbContext>> CreateNotesAsync(TestStore store, KeyRing ring, params (string Body, byte[]? Evidence)[] notes)
    {
        var blob = store.IsPostgres ? "BYTEA" : "BLOB";
        await store.ExecuteAsync($"CREATE TABLE secret_notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL, evidence {blob} NULL)");
        var contexts = NotesContext.Factory(store, ring);
        await using var db = contexts();
        var id = 0;
        foreach (var (body, evidence) in notes)
        {
            db.Add(new SecretNoteEntity { Id = ++id, Body = body, Evidence = evidence });
        }

        await db.SaveChangesAsync();
        return contexts;
    }

    private static async Task<List<string>> RawBodiesAsync(TestStore store)
    {
        await using var raw = NotesContext.Factory(store, null)();
        return await raw.Set<SecretNoteEntity>().OrderBy(n => n.Id).Select(n => n.Body).ToListAsync();
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }
}
