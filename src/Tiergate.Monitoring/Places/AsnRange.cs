using System.Net;

namespace Tiergate.Monitoring.Places;

/// <summary>One line of an ip-location-db ASN CSV: an inclusive address range and who routes it.</summary>
public sealed record AsnRange(IPAddress First, IPAddress Last, long Asn, string Organization);
