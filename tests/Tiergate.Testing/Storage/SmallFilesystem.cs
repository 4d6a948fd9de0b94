using System.Diagnostics;

namespace Tiergate.Testing.Storage;

/// <summary>
/// A size-limited tmpfs mounted for one test, to fill the disk for real. Mounting needs root (or
/// CAP_SYS_ADMIN); <see cref="SmallFilesystemFactAttribute"/> and <see cref="SmallFilesystemTheoryAttribute"/> skip the test
/// with that reason otherwise.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFilesystem? TryMount(string size)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tiergate-small-fs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path) == 0)
        {
            return new SmallFilesystem(path);
        }

        Directory.Delete(path);
        return null;
    }

    /// <summary>Writes a filler file until the file system is full; returns its path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // No space left on device: the point.
        }

        return filler;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: an empty mount point under /tmp.
        }
    }

    private static int Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
