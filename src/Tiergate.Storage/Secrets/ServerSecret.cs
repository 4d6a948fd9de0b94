using System.Security.Cryptography;
using Tiergate.Storage.Crypto;

namespace Tiergate.Storage.Secrets;

/// <summary>
/// Loads a server secret with one rule for every <see cref="SecretSource"/>, first match wins:
/// <list type="number">
/// <item>the environment variable, when it is set at all; set but blank is an error (fail closed: whoever set it meant to give a key);</item>
/// <item>an explicit file (e.g. <c>--kek-file</c>), which must exist;</item>
/// <item><c>DATA/secrets/FILE</c>, created with fresh random bytes when missing (or, for <see cref="TryLoad"/>, none).</item>
/// </list>
/// Values are base64 (surrounding whitespace ignored) of the required length. Files must be owner-only
/// and not empty. Every failure is a <see cref="CryptographicSetupException"/> with a <see cref="SecretProblem"/>.
/// </summary>
public static class ServerSecret
{
    /// <param name="environment">Reads an environment variable; tests pass their own.</param>
    public static byte[] LoadOrCreate(SecretSource source, StorageOptions storage, string? explicitFile = null, Func<string, string?>? environment = null) =>
        Load(source, storage, explicitFile, environment, create: true)!;

    /// <summary>As <see cref="LoadOrCreate"/>, but creates nothing: null when no variable is set and the default file does not exist.</summary>
    public static byte[]? TryLoad(SecretSource source, StorageOptions storage, string? explicitFile = null, Func<string, string?>? environment = null) =>
        Load(source, storage, explicitFile, environment, create: false);

    private static byte[]? Load(SecretSource source, StorageOptions storage, string? explicitFile, Func<string, string?>? environment, bool create)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(storage);
        environment ??= Environment.GetEnvironmentVariable;

        if (environment(source.EnvironmentVariable) is { } fromEnvironment)
        {
            return string.IsNullOrWhiteSpace(fromEnvironment)
                ? throw new CryptographicSetupException(SecretProblem.EnvironmentBlank,
                    $"{source.EnvironmentVariable} is set but blank; unset it to use the {source.Description} file, or set it to base64 of {source.LengthRule}")
                : Decode(source, fromEnvironment, source.EnvironmentVariable);
        }

        if (explicitFile is not null)
        {
            return Decode(source, ProtectedFile.ReadExistingText(explicitFile, source.Description), explicitFile);
        }

        var path = source.DefaultPath(storage);
        if (create)
        {
            var text = ProtectedFile.ReadOrCreateText(path, source.Description, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(source.Length)));
            return Decode(source, text, path);
        }

        return File.Exists(path) ? Decode(source, ProtectedFile.ReadText(path, source.Description), path) : null;
    }

    private static byte[] Decode(SecretSource source, string text, string origin)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new CryptographicSetupException(SecretProblem.NotBase64,
                $"{origin} does not hold base64 text (the {source.Description} is base64 of {source.LengthRule})");
        }

        return source.HasValidLength(secret.Length)
            ? secret
            : throw new CryptographicSetupException(SecretProblem.WrongLength,
                $"the {source.Description} from {origin} must be {source.LengthRule}, got {secret.Length}");
    }
}
