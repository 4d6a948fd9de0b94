namespace Tiergate.Settings;

/// <summary>A setting given explicitly on the command line: its settings key, the flag's name, and its value(s).</summary>
/// <param name="Key">The settings key with ':' between sections (<c>database:connection</c>).</param>
/// <param name="Name">The flag as typed (<c>--database</c>).</param>
/// <param name="Values">One value, or several for a list (<c>--urls A --urls B</c>).</param>
public sealed record SettingsFlag(string Key, string Name, IReadOnlyList<string> Values);
