namespace Tiergate.Corpus.Pipeline;

/// <summary>Writes a whole file so that readers see either the old file or the complete new one.</summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, string partialDirectory)
    {
        Directory.CreateDirectory(partialDirectory);
        var temp = Path.Combine(partialDirectory, $"{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
