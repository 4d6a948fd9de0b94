using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Testing.Storage;
using static Tiergate.Testing.Storage.KeyRingFixture;

namespace Tiergate.Storage.IntegrationTests.Crypto;

public sealed class KeyRingTests
{
    public static TheoryData<string> Providers => new() { TestStore.Sqlite, TestStore.Postgres };

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
