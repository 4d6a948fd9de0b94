using Tiergate.Core.Identity;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Access;

/// <summary>What the gateway knows about the key's owner.</summary>
/// <param name="Identity">The level recorded on the account; <see cref="Standing"/> says when it lapses.</param>
public sealed record UserFacts(long Id, IdentityLevel Identity, bool MfaEnrolled, bool Disabled)
{
    private readonly IdentityStanding? _standing;

    /// <summary>The level with its verification time and expiries; by default the level alone, never lapsing.</summary>
    public IdentityStanding Standing
    {
        get => _standing ?? new IdentityStanding(Identity, null, null, null);
        init => _standing = value;
    }
}
