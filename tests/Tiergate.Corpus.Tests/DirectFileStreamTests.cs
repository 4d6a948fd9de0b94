using Tiergate.Corpus.Pipeline;

namespace Tiergate.Corpus.Tests;

public sealed class DirectFileStreamTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-direct-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_ChunksOfOddSizesWithFlushes_LengthRightAtEveryFlushBytesRightAtTheEnd(bool allowDirect)
    {
        var path = Path.Combine(_directory, "out.bin");
        var random = new Random(7);
        var expected = new MemoryStream();
        using (var stream = DirectFileStream.Create(path, 4096, allowDirect))
        {
            // Sizes around the block and the buffer size, so the tail is sometimes empty, sometimes a block, sometimes odd.
            foreach (var size in new[] { 1, 4095, 4096, 4097, 1 << 20, (1 << 20) - 3, 3 * (1 << 20) + 5, 0, 12345, 1 << 19 })
            {
                var chunk = new byte[size];
                random.NextBytes(chunk);
                stream.Write(chunk);
                expected.Write(chunk);
                Flush(stream);

                // The writer holds an exclusive lock that .NET readers respect; stat is enough for the length.
                Assert.Equal(expected.Length, new FileInfo(path).Length);
            }

            stream.Write(new byte[] { 1, 2, 3 });
            expected.Write(new byte[] { 1, 2, 3 });
        }

        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Create_ExistingFile_Truncates()
    {
        var path = Path.Combine(_directory, "old.bin");
        File.WriteAllBytes(path, new byte[100_000]);

        using (var stream = DirectFileStream.Create(path, 4096))
        {
            stream.Write("new"u8);
        }

        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Create_FileOpenByAnotherWriter_ThrowsAndLeavesItsBytes()
    {
        var path = Path.Combine(_directory, "busy.bin");
        using var first = DirectFileStream.Create(path, 4096);
        first.Write("first"u8);
        Flush(first);

        Assert.Throws<IOException>(() => DirectFileStream.Create(path, 4096));
        Assert.Equal(5, new FileInfo(path).Length);
    }

    [Fact]
    public void Create_OnExt4OrXfs_BypassesThePageCache()
    {
        if (!OperatingSystem.IsLinux() || FileSystemType(_directory) is not ("ext4" or "xfs"))
        {
            return; // elsewhere (tmpfs, say) a FileStream is the expected answer
        }

        using var stream = DirectFileStream.Create(Path.Combine(_directory, "direct.bin"), 4096);

        Assert.IsType<DirectFileStream>(stream);
    }

    private static void Flush(Stream stream)
    {
        if (stream is DirectFileStream direct)
        {
            direct.Flush(flushToDisk: true);
        }
        else
        {
            ((FileStream)stream).Flush(flushToDisk: true);
        }
    }

    /// <summary>The type of the longest mount point that contains <paramref name="path"/>.</summary>
    private static string? FileSystemType(string path) =>
        File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 2 && (path + "/").StartsWith(f[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(f => f[1].Length)?[2];
}
