namespace Tiergate.Storage.Crypto;

/// <summary>
/// Reads and creates small secret files (base64 text). New files are created with mode 0600 in a
/// 0700 directory; an existing file that group or others may read is refused, as ssh refuses keys.
/// </summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static byte[] Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new CryptographicSetupException(
                $"secret file '{path}' is readable by group or others; run: chmod 600 '{path}'");
        }

        return Decode(File.ReadAllText(path), path);
    }

    /// <summary>Reads <paramref name="path"/>, or creates it holding <paramref name="length"/> fresh random bytes.</summary>
    public static byte[] ReadOrCreate(string path, int length)
    {
        if (File.Exists(path))
        {
            return Read(path);
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
                return Read(path);
            }

            // Written to a temporary file, then moved into place: a reader never sees half a secret.
            var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(secret));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            File.Delete(lockPath);
            return secret;
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

    /// <summary>Decodes base64 text (surrounding whitespace ignored).</summary>
    public static byte[] Decode(string text, string source)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new CryptographicSetupException($"{source} does not hold base64 text");
        }
    }
}
