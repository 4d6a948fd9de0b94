using Tiergate.Core.Identity;
using Tiergate.Storage.Identity.Links;

namespace Tiergate.Testing.Identity;

/// <summary>
/// A test double of the identifier graph: remembers who holds each (kind, value), refuses banned values
/// (<c>identifier_banned</c>) and, with "one document, one account", a document another account holds (<c>document_in_use</c>).
/// </summary>
public sealed class InMemoryIdentifierGraph(bool oneDocumentOneAccount = true) : IIdentifierGraph
{
    private readonly Dictionary<(IdentifierKind, string), HashSet<long>> _holders = [];
    private readonly HashSet<(IdentifierKind, string)> _banned = [];

    public List<(long UserId, IdentifierKind Kind, string Value, string Source)> Attached { get; } = [];

    public void Ban(IdentifierKind kind, string value)
    {
        lock (_holders)
        {
            _banned.Add((kind, value));
        }
    }

    public Task<AttachResult> AttachAsync(long userId, IdentifierKind kind, string value, string source, string actor, CancellationToken cancellationToken = default)
    {
        lock (_holders)
        {
            var key = (kind, value);
            var others = _holders.TryGetValue(key, out var holders) ? holders.Where(h => h != userId).ToList() : [];
            if (_banned.Contains(key))
            {
                return Task.FromResult(new AttachResult(false, "identifier_banned", others));
            }

            if (oneDocumentOneAccount && kind == IdentifierKind.Document && others.Count > 0)
            {
                return Task.FromResult(new AttachResult(false, "document_in_use", others));
            }

            if (holders is null)
            {
                _holders[key] = holders = [];
            }

            holders.Add(userId);
            Attached.Add((userId, kind, value, source));
            return Task.FromResult(new AttachResult(true, null, others));
        }
    }
}
