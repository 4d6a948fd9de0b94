using System.Globalization;
using System.Net;
using MaxMind.Db;

namespace Tiergate.Monitoring.Places;

/// <summary>
/// Address → <see cref="Place"/>: the country from a MaxMind DB file (by default ip-location-db's CC0
/// country database), the AS from the ip-location-db ASN CSVs, and coordinates from a user-supplied
/// GeoLite2 City-format database when configured, else from <see cref="CountryReferencePoints"/>.
/// When no database is present <see cref="Available"/> is false and every lookup is
/// <see cref="PlacePrecision.Unknown"/> with <see cref="UnavailableReason"/>. Thread-safe once built.
/// </summary>
public sealed class PlaceLookup : IDisposable
{
    private readonly Reader? _country;
    private readonly Reader? _city;
    private readonly AsnTable? _asn;

    public PlaceLookup(PlaceOptions options)
    {
        Options = options;
        var unreadable = new List<string>();
        _city = Open(options.CityDatabase, unreadable);
        _country = Open(options.CountryDatabase, unreadable);
        var asnPaths = PlaceOptions.AsnFileNames.Select(name => Path.Combine(options.AsnDirectory, name)).ToList();
        if (asnPaths.Any(File.Exists))
        {
            _asn = AsnTable.Load(asnPaths, out var badLines);
            AsnBadLines = badLines;
        }

        var missing = options.CityDatabase is null ? options.CountryDatabase : $"{options.CountryDatabase} or {options.CityDatabase}";
        UnavailableReason = Available ? null
            : unreadable.Count > 0 ? $"place-based detectors are off: unreadable GeoIP database at {string.Join(" and ", unreadable)}"
            : $"place-based detectors are off: no GeoIP database at {missing}";
    }

    // A damaged file leaves places unknown (with the reason) instead of failing whoever builds the lookup.
    private static Reader? Open(string? path, List<string> unreadable)
    {
        if (path is null || !File.Exists(path))
            return null;
        try
        {
            return new Reader(path);
        }
        catch (Exception exception) when (exception is InvalidDatabaseException or IOException or UnauthorizedAccessException)
        {
            unreadable.Add(path);
            return null;
        }
    }

    public PlaceOptions Options { get; }

    /// <summary>True when a country or city database was found; false means every place is unknown.</summary>
    public bool Available => _country is not null || _city is not null;

    public bool AsnAvailable => _asn is not null;

    /// <summary>Why places are unknown, for detectors to show; null when <see cref="Available"/>.</summary>
    public string? UnavailableReason { get; }

    /// <summary>ASN CSV lines that did not parse (skipped).</summary>
    public int AsnBadLines { get; }

    public Place Lookup(IPAddress address)
    {
        if (!Available)
            return Place.Unknown(UnavailableReason!);
        address = AddressKey.Normalize(address);
        if (ReservedAddresses.Contains(address))
            return Place.Unknown("private or reserved address");

        var asn = _asn?.Find(address);
        var place = FromCity(address) ?? FromCountry(address);
        return place with { Asn = asn?.Asn, AsOrganization = asn?.Organization };
    }

    private Place? FromCity(IPAddress address)
    {
        var record = _city?.Find<Dictionary<string, object>>(address);
        if (record is null || Map(record, "location") is not { } location)
            return null;
        if (Number(location, "latitude") is not { } latitude || Number(location, "longitude") is not { } longitude)
            return null;
        return new Place(PlacePrecision.City)
        {
            CountryCode = CountryCode(record),
            Latitude = latitude,
            Longitude = longitude,
        };
    }

    private Place FromCountry(IPAddress address)
    {
        var record = _country?.Find<Dictionary<string, object>>(address) ?? _city?.Find<Dictionary<string, object>>(address);
        if (record is null || CountryCode(record) is not { } code)
            return Place.Unknown("the address is in no country range of the database");
        if (!CountryReferencePoints.TryGet(code, out var latitude, out var longitude))
            return new Place(PlacePrecision.Country) { CountryCode = code, Reason = $"no reference point for country {code}" };
        return new Place(PlacePrecision.Country)
        {
            CountryCode = code,
            Latitude = latitude,
            Longitude = longitude,
            Reason = $"coordinates are the reference point (capital) of {code}",
        };
    }

    // ip-location-db writes "country_code"; GeoLite2 writes country.iso_code.
    private static string? CountryCode(Dictionary<string, object> record)
    {
        var code = record.TryGetValue("country_code", out var flat) ? flat as string
            : Map(record, "country") is { } country && country.TryGetValue("iso_code", out var iso) ? iso as string
            : null;
        return string.IsNullOrWhiteSpace(code) ? null : code.ToUpperInvariant();
    }

    private static Dictionary<string, object>? Map(Dictionary<string, object> record, string key) =>
        record.TryGetValue(key, out var value) ? value as Dictionary<string, object> : null;

    private static double? Number(Dictionary<string, object> record, string key) =>
        record.TryGetValue(key, out var value) && value is IConvertible convertible
            ? convertible.ToDouble(CultureInfo.InvariantCulture)
            : null;

    public void Dispose()
    {
        _country?.Dispose();
        _city?.Dispose();
    }
}
