namespace Tiergate.Core.Policy;

/// <summary>How much of a person's identity has been established, weakest first.</summary>
public enum IdentityLevel
{
    /// <summary>An email address, nothing more.</summary>
    Email = 0,

    /// <summary>Government or equivalent identity verified by a vendor or a reviewer.</summary>
    Verified = 1,

    /// <summary>Identity verified and affiliation with a named institution confirmed.</summary>
    Affiliated = 2,
}
