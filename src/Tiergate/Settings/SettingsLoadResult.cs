namespace Tiergate.Settings;

/// <summary>The resolved settings, or every error found (never both).</summary>
public sealed record SettingsLoadResult(DeploymentSettings? Settings, IReadOnlyList<SettingsError> Errors)
{
    public bool IsValid => Settings is not null;
}
