using System.Security.Cryptography;

namespace Tiergate.Storage.Secrets;

/// <summary>
/// A random server secret kept in <c>DATA/secrets/NAME</c> (mode 0600, created on first use) or,
/// for several gateways sharing one PostgreSQL, given to each of them in an environment variable.
/// </summary>
public static class SecretFile
{
    public static byte[] LoadOrCreate(StorageOptions options, string name, string environmentVariable, int length)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } encoded)
        {
            var fromEnv = Convert.FromBase64String(encoded);
            return fromEnv.Length >= length
                ? fromEnv
                : throw new InvalidOperationException($"{environmentVariable} must hold at least {length} bytes, base64-encoded.");
        }

        var directory = Path.Combine(options.DataDirectory, "secrets");
        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var secret = RandomNumberGenerator.GetBytes(length);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temp, System.Text.Encoding.ASCII, fileOptions))
        {
            writer.Write(Convert.ToBase64String(secret));
        }

        // Two processes starting at once must agree on one secret: the first rename wins.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
