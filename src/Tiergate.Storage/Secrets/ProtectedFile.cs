using Tiergate.Storage.Crypto;

namespace Tiergate.Storage.Secrets;

/// <summary>
/// Reads and creates small owner-only text files that hold secrets. New files are created with
/// mode 0600 in a 0700 directory; an existing file that group or others may access is refused, as
/// ssh refuses keys; an empty file is refused too (it never holds a usable secret).
/// </summary>
public static class ProtectedFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's text, surrounding whitespace removed.</summary>
    /// <param name="description">What the file holds, for messages ("key-encryption key").</param>
    public static string ReadText(string path, string description)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new CryptographicSetupException(SecretProblem.FileExposed,
                $"the {description} file '{path}' is readable by group or others; run: chmod 600 '{path}'");
        }

        var text = File.ReadAllText(path).Trim();
        return text.Length > 0
            ? text
            : throw new CryptographicSetupException(SecretProblem.FileEmpty, $"the {description} file '{path}' is empty");
    }

    /// <summary>As <see cref="ReadText"/>, for a file that was named explicitly and so must exist.</summary>
    public static string ReadExistingText(string path, string description) =>
        File.Exists(path)
            ? ReadText(path, description)
            : throw new CryptographicSetupException(SecretProblem.FileMissing, $"the {description} file '{path}' does not exist");

    /// <summary>Reads <paramref name="path"/>, or creates it holding <paramref name="newText"/>'s result.</summary>
    public static string ReadOrCreateText(string path, string description, Func<string> newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        if (File.Exists(path))
        {
            return ReadText(path, description);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Creators take turns on a lock file (File.Move without overwrite is not atomic on every
        // Unix file system, so two creators could each install their own secret). The secret exists
        // before the first lock is released, so every later holder finds and reads it.
        var lockPath = path + ".lock";
        using (var gate = Lock(lockPath))
        {
            if (File.Exists(path))
            {
                // Whoever takes the lock after the secret exists removes the lock file it may have re-created.
                File.Delete(lockPath);
                return ReadText(path, description);
            }

            // Written to a temporary file, then moved into place: a reader never sees half a secret.
            var text = newText();
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            File.Delete(lockPath);
            return text;
        }
    }

    /// <summary>An exclusive hold on <paramref name="lockPath"/> (an OS file lock, released on exit or crash).</summary>
    private static FileStream Lock(string lockPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1000)
            {
                Thread.Sleep(10);
            }
        }
    }
}
