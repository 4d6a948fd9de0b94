using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Files;

/// <summary>The SQLite database and its WAL and SHM files are the owner's alone.</summary>
public sealed class DatabaseFileModeTests
{
    [Fact]
    public async Task NewDatabase_AfterWrites_DatabaseWalAndShmAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        await store.ExecuteAsync("CREATE TABLE IF NOT EXISTS probe (x INTEGER)");
        await store.ExecuteAsync("INSERT INTO probe VALUES (1)");

        var path = store.Options.SqlitePath;
        var groupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            Assert.True(File.Exists(file), $"{Path.GetFileName(file)} was not created");
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(file) & groupOrOther);
        }
    }
}
