namespace Tiergate.Core.Identity;

/// <summary>
/// What a verification establishes. Identity and affiliation are confirmed separately: the level
/// <c>affiliated</c> needs a valid one of each, so an institutional address alone never makes anyone <c>verified</c>.
/// </summary>
public enum VerificationKind
{
    /// <summary>That the person is who they say (IAL2-style evidence: a document checked by a vendor or a reviewer).</summary>
    Identity,

    /// <summary>That the person belongs to a research organisation (an address at its domain, or a reviewer's check).</summary>
    Affiliation,
}
