using System.Net;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The autonomous system an address is announced from, when the monitoring GeoIP ASN table is loaded: the seam by
/// which the console's sign-in attaches an ASN without depending on the gateway. Registered by the server's
/// composition; absent, no ASN is attached.
/// </summary>
public sealed record AsnLookup(Func<IPAddress, long?> Find);
