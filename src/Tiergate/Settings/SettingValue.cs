namespace Tiergate.Settings;

/// <summary>One value as given (trimmed), where it came from, and its path for error messages.</summary>
public sealed record SettingValue(string Text, string Path, SettingsOrigin Origin, string? BaseDirectory)
{
    /// <summary>
    /// The value as a file system path: relative paths in the settings file resolve against the
    /// file's folder (as the policy's do); from flags and variables they stay relative to the current directory.
    /// </summary>
    public string AsPath() =>
        BaseDirectory is null || System.IO.Path.IsPathRooted(Text) ? Text : System.IO.Path.GetFullPath(System.IO.Path.Combine(BaseDirectory, Text));
}
