using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.IntegrationTests;

/// <summary>One lookup over the real fetched databases for the whole class (loading the ASN CSVs takes seconds).</summary>
public sealed class PlaceLookupFixture : IDisposable
{
    public PlaceLookup Lookup { get; } = new(GeoIpDatabases.Options);

    public void Dispose() => Lookup.Dispose();
}
