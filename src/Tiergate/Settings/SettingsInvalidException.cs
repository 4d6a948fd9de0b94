namespace Tiergate.Settings;

/// <summary>The deployment settings have errors; the CLI reports them all as <c>settings_invalid</c>.</summary>
public sealed class SettingsInvalidException(IReadOnlyList<SettingsError> errors)
    : Exception($"The deployment settings have {errors.Count} error(s).")
{
    public IReadOnlyList<SettingsError> Errors { get; } = errors;
}
