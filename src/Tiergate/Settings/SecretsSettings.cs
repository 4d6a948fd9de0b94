namespace Tiergate.Settings;

/// <summary>
/// <c>secrets</c>: where server secrets are, never the secrets themselves. The KEK file is read by the
/// one secret loader (<see cref="Storage.Secrets.ServerSecret"/>); <c>TIERGATE_KEK</c> still overrides it.
/// </summary>
/// <param name="KekFile">The key-encryption key file; null for <c>TIERGATE_KEK</c> or <c>DATA/secrets/kek</c>.</param>
public sealed record SecretsSettings(string? KekFile)
{
    public static SecretsSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SecretsSettings(settings.Value("secrets:kek_file")?.AsPath());
    }
}
