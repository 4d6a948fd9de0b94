namespace Tiergate.Storage.Secrets;

/// <summary>
/// A random server secret kept in <c>DATA/secrets/NAME</c> (created on first use, mode 0600) or,
/// for several gateways sharing one PostgreSQL, given to each of them in an environment variable.
/// File handling is <see cref="Crypto.SecretFile"/>'s; this adds the environment override.
/// </summary>
public static class SecretFile
{
    public static byte[] LoadOrCreate(StorageOptions options, string name, string environmentVariable, int length)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } encoded)
        {
            var fromEnv = Crypto.SecretFile.Decode(encoded, environmentVariable);
            return fromEnv.Length >= length
                ? fromEnv
                : throw new Crypto.CryptographicSetupException($"{environmentVariable} must hold at least {length} bytes, base64-encoded.");
        }

        return Crypto.SecretFile.ReadOrCreate(Path.Combine(options.DataDirectory, "secrets", name), length);
    }
}
