using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The identifiers attached to accounts (as keyed HMACs only) and the links and clusters they make.
/// Attaching is how every source feeds the graph: the CLI's <c>users identify</c>, a vendor's verified
/// document or card, the console's sign-in address and device.
/// </summary>
public interface IIdentifierGraph
{
    /// <summary>
    /// Normalises and attaches one identifier to the user (idempotent). The result says which accounts it links to,
    /// whether it is banned, and whether it breaks "one document, one account". A banned identifier, or a document
    /// already held by another account while that rule is on, is refused and the refusal is audited. A document in use is
    /// not attached; a banned identifier is kept on the account as evidence (it joins the banned account's cluster, so its
    /// applications are flagged), though it verifies nothing. The result says why (callers decide whether that is an error, as the CLI does, or a refused verification,
    /// as a vendor webhook does). A value that does not normalise throws <c>invalid_argument</c>.
    /// </summary>
    Task<AttachResult> AttachAsync(long userId, IdentifierKind kind, string value, string source, string actor, CancellationToken cancellationToken = default);
}
