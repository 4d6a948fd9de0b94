namespace Tiergate.Monitoring.Places;

/// <summary>
/// Where <see cref="PlaceLookup"/> finds its databases. The defaults are the files that
/// <c>scripts/setup-geoip</c> fetches into <c>${TIERGATE_GEOIP_DIR:-$HOME/.cache/tiergate/geoip}</c>.
/// </summary>
/// <param name="CountryDatabase">A MaxMind DB file whose records carry <c>country_code</c> (ip-location-db) or <c>country.iso_code</c> (GeoLite2).</param>
/// <param name="AsnDirectory">A folder holding <c>asn-ipv4.csv</c> and/or <c>asn-ipv6.csv</c> (start,end,asn,organisation).</param>
/// <param name="CityDatabase">Optional GeoLite2 City-format database (user-supplied) that gives coordinates.</param>
public sealed record PlaceOptions(string CountryDatabase, string AsnDirectory, string? CityDatabase = null)
{
    public const string DirectoryVariable = "TIERGATE_GEOIP_DIR";
    public const string CountryFileName = "geo-whois-asn-country.mmdb";
    public static readonly IReadOnlyList<string> AsnFileNames = ["asn-ipv4.csv", "asn-ipv6.csv"];

    /// <summary>The setup script's folder: <c>$TIERGATE_GEOIP_DIR</c>, else <c>~/.cache/tiergate/geoip</c>.</summary>
    public static string DefaultDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "tiergate", "geoip");
    }

    public static PlaceOptions Default(string? cityDatabase = null)
    {
        var directory = DefaultDirectory();
        return new PlaceOptions(Path.Combine(directory, CountryFileName), directory, cityDatabase);
    }
}
