using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

public sealed class AuditExportTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task VerifyAsync_FreshExport_Succeeds(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = await AuditLogFixture.WriteLogAsync(store);
        var path = await AuditLogFixture.ExportAsync(store, key);

        var result = await AuditExportVerifier.VerifyAsync(path, key.VerificationKey);

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(10, result.RecordsChecked);
        Assert.Equal(3, result.CheckpointsChecked);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Contains("\"type\":\"header\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"type\":\"head\"", lines[^1], StringComparison.Ordinal);
        Assert.Equal(1 + 10 + 3 + 1, lines.Length);
    }
}
