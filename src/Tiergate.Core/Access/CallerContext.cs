using System.Net;

namespace Tiergate.Core.Access;

/// <summary>Everything an access decision depends on, gathered before deciding.</summary>
public sealed record CallerContext(KeyFacts Key, UserFacts User, IReadOnlyList<GrantFacts> Grants, IPAddress? ClientAddress);
