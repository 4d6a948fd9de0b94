using Tiergate.Core.Policy;

namespace Tiergate.Core.Access;

/// <summary>What the gateway knows about the key's owner.</summary>
public sealed record UserFacts(long Id, IdentityLevel Identity, bool MfaEnrolled, bool Disabled);
