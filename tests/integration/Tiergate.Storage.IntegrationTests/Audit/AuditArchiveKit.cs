using Microsoft.Extensions.Time.Testing;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

/// <summary>A log written in two stretches an hour apart, so that a date between them splits it.</summary>
internal sealed class AuditArchiveKit : IAsyncDisposable
{
    private AuditArchiveKit(TestStore store, AuditSigningKey key, FakeTimeProvider clock, AuditLog log)
    {
        Store = store;
        Key = key;
        Clock = clock;
        Log = log;
    }

    public TestStore Store { get; }

    public AuditSigningKey Key { get; }

    public FakeTimeProvider Clock { get; }

    public AuditLog Log { get; }

    public AuditVerificationKey Trusted => Key.VerificationKey;

    public static async Task<AuditArchiveKit> CreateAsync(string provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var key = AuditFixture.NewSigningKey();
        var clock = AuditFixture.NewClock();
        var log = new AuditLog(store.Database, key, clock, new AuditLogOptions { CheckpointEveryRecords = 4 });
        return new AuditArchiveKit(store, key, clock, log);
    }

    /// <summary>Appends <paramref name="count"/> records now, then moves the clock an hour on; returns the time between.</summary>
    public async Task<DateTimeOffset> AppendHourAsync(int count, int from = 1)
    {
        // Concurrent appends share group commits: hundreds of records in a few batches.
        await Task.WhenAll(Enumerable.Range(from, count).Select(i => Log.AppendAsync(AuditFixture.Event(i)).AsTask()));

        var between = Clock.GetUtcNow().AddMinutes(30);
        Clock.Advance(TimeSpan.FromHours(1));
        return between;
    }

    public AuditArchiver Archiver(int deleteBatch = 1000) =>
        new(Store.Database.CreateContext, Key, Clock, new AuditArchiveOptions { DeleteBatchSize = deleteBatch, PauseBetweenBatches = TimeSpan.FromMilliseconds(1) });

    public string PathFor(string name) => Path.Combine(Store.Options.DataDirectory, name);

    public Task<AuditVerificationResult> VerifyDatabaseAsync() => AuditDatabaseVerifier.VerifyAsync(Store.Database.CreateContext, Trusted);

    public Task<AuditVerificationResult> VerifyChainAsync(params string[] archives) =>
        AuditArchiveChainVerifier.VerifyAsync(archives, Store.Database.CreateContext, Trusted, []);

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        Key.Dispose();
        await Store.DisposeAsync();
    }
}
