namespace Tiergate.Settings;

/// <summary>Where a setting came from, in precedence order: a flag beats the environment, which beats the file.</summary>
public enum SettingsSourceKind
{
    Flag,
    Environment,
    File,
}
