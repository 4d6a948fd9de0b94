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

        // Write a temporary file, then move it into place without overwriting: a reader never sees a
        // half-written secret, and of two processes creating it at once, the second uses the first's.
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

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return Read(path);
        }

        return secret;
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
