namespace Tiergate.Storage.Identity.Links;

/// <summary>One identifier that links an account to others: its kind and a short prefix of its keyed hash, never the value.</summary>
/// <param name="Kind"><c>email</c>, <c>phone</c>, <c>document</c>, <c>payment</c>, <c>device</c>, <c>ip_prefix</c> or <c>asn</c>.</param>
/// <param name="Hash">The first <see cref="IdentifierValues.ShownHashLength"/> hex digits of the keyed hash: stable, so two listings can be compared.</param>
/// <param name="Strength"><c>strong</c> (joins the cluster) or <c>weak</c> (scored only).</param>
/// <param name="Weight">1 for strong; for weak, the kind's base weight divided among the accounts sharing it.</param>
/// <param name="SharedWith">The other accounts (ids) holding it that this listing shows.</param>
/// <param name="Holders">How many accounts hold it in all.</param>
/// <param name="Note">Why a strong kind counts as weak here (<c>family_phone</c>, <c>family_card</c>), or null.</param>
public sealed record LinkEvidence(string Kind, string Hash, string Strength, double Weight, IReadOnlyList<long> SharedWith, int Holders, string? Note);
