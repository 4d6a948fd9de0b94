using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// One identifier as an account presents it: <paramref name="Raw"/> is what a user, a vendor or the server
/// would hand to the graph (formatting variants included), <paramref name="Truth"/> is the generator's own
/// name for the underlying thing (one document, one phone line, one /24), known only to the ground truth.
/// </summary>
internal readonly record struct IdentifierValue(IdentifierKind Kind, string Raw, string Truth)
{
    /// <summary>
    /// Document, phone and payment (the kinds the issue calls strong) and the mailbox (an inbox is one person's as a
    /// card is): what sharing makes two accounts one person's, and what a clustering over strong links joins on.
    /// </summary>
    public bool IsStrong => Kind is IdentifierKind.Document or IdentifierKind.Phone or IdentifierKind.Payment or IdentifierKind.Email;
}
