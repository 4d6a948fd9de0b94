using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// How much a shared identifier says that two accounts are one person. Strong identifiers (document, card, phone,
/// mailbox) join clusters outright. Weak ones are scored: a base weight per kind, divided among the other accounts
/// that share it (<c>base / (holders − 1)</c>), so a device or /24 shared by two accounts counts in full, and a
/// university range or public Wi-Fi used by dozens says next to nothing. Past <see cref="MaxWeakHolders"/> holders
/// an identifier is ignored altogether (and never listed, so a query stays bounded).
/// </summary>
public static class LinkWeights
{
    public const double Strong = 1.0;

    /// <summary>A pair scoring at least this is listed as a possible link.</summary>
    public const double PossibleThreshold = 0.5;

    /// <summary>
    /// A weak identifier held by more accounts than this is too common to score. Chosen so that such identifiers cannot
    /// make a possible link even together: each weighs at most 0.6 / 49 ≈ 0.012, and the
    /// <see cref="IdentifierGraph.MaxScoredIdentifiers"/> (32) scored identifiers sum to 0.39, under <see cref="PossibleThreshold"/>.
    /// It also bounds every holders read to 51 rows an identifier.
    /// </summary>
    public const int MaxWeakHolders = 50;

    /// <summary>A phone or card can be a household's (not merging) up to this many holders; a more crowded one stays strong.</summary>
    public const int MaxFamilySize = 8;

    /// <summary>The weight of a household's phone or card: the same household, not the same person.</summary>
    public const double Household = 0.5;

    public static double Base(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Device => 0.6,
        IdentifierKind.IpPrefix => 0.3,
        IdentifierKind.Asn => 0.1,
        IdentifierKind.Phone => Household,
        _ => Strong,
    };

    /// <summary>The weight of one weak identifier shared by <paramref name="holders"/> accounts in all (the subject included).</summary>
    public static double Weak(IdentifierKind kind, int holders) =>
        holders < 2 || holders > MaxWeakHolders ? 0 : Math.Round(Base(kind) / (holders - 1), 4);
}
