using Tiergate.Monitoring.Places;

namespace Tiergate.Settings;

/// <summary>
/// <c>monitoring</c>: where the GeoIP databases of the place-based detectors are. By default the files
/// <c>scripts/setup-geoip</c> fetches (CC0 country MMDB, CC-BY-4.0 ASN CSV) in <c>$TIERGATE_GEOIP_DIR</c> or
/// <c>~/.cache/tiergate/geoip</c>; <c>city_database</c> adds a GeoLite2 City or commercial MMDB that you supply.
/// </summary>
/// <param name="Enabled"><c>monitoring.enabled</c>: false runs no detectors (the gateway still publishes usage events and counts traffic); for measuring monitoring's cost.</param>
public sealed record MonitoringSettings(PlaceOptions Places, bool Enabled)
{
    public static MonitoringSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = settings.Value("monitoring:geoip_dir")?.AsPath() ?? PlaceOptions.DefaultDirectory();
        var country = settings.Value("monitoring:country_database")?.AsPath() ?? Path.Combine(directory, PlaceOptions.CountryFileName);
        var asn = settings.Value("monitoring:asn_directory")?.AsPath() ?? directory;
        var city = settings.Value("monitoring:city_database")?.AsPath();
        if (city is not null && !File.Exists(city))
        {
            settings.Error("monitoring:city_database", $"no file '{city}' (a GeoLite2 City-format .mmdb)");
        }

        var enabled = true;
        if (settings.Value("monitoring:enabled") is { } flag)
        {
            if (!bool.TryParse(flag.Text, out enabled))
            {
                settings.Error(flag, $"must be true or false, not '{flag.Text}'");
            }
        }

        return new MonitoringSettings(new PlaceOptions(country, asn, city), enabled);
    }
}
