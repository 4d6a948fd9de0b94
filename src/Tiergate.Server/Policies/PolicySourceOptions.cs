namespace Tiergate.Server.Policies;

/// <summary>Where a gateway's policy comes from besides the database: the file given to <c>serve --config</c>, re-read on SIGHUP.</summary>
/// <param name="File">The policy file; null: the stored policy (or the built-in default until one is stored).</param>
/// <param name="PollInterval">How often the newest stored version number is checked.</param>
public sealed record PolicySourceOptions(string? File, TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Relative paths in a policy (<c>safeguards.directory</c>) resolve against the file's directory, else the current one.</summary>
    public string BaseDirectory => File is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(File))!;

    /// <summary>Who a server's own policy changes are recorded as.</summary>
    public static string Actor => $"server:{Environment.MachineName}";
}
