namespace Tiergate.Core.Policy;

internal static class SafeguardsSettingsReader
{
    public static SafeguardsSettings Read(YamlFields f, string? baseDirectory)
    {
        var directory = f.String("directory");
        var holdBack = f.Int("hold_back_chars", 16, 65536) ?? SafeguardsSettings.Default.HoldBackChars;
        var guards = GuardReader.Read(f);
        f.RejectUnknownKeys();
        if (directory is { Length: > 0 } && !Path.IsPathRooted(directory))
        {
            directory = Path.GetFullPath(Path.Combine(baseDirectory ?? Environment.CurrentDirectory, directory));
        }

        return new SafeguardsSettings(directory is { Length: > 0 } ? directory : null, holdBack) { Guards = guards };
    }
}
