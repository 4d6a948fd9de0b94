namespace Tiergate.Settings;

/// <summary>The source of one value, named so a person can find it (<c>--data</c>, <c>TIERGATE_DATA</c>, <c>settings.yaml line 3</c>).</summary>
public sealed record SettingsOrigin(SettingsSourceKind Kind, string Description);
