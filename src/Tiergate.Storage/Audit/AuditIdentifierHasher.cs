using Tiergate.Storage.Crypto;

namespace Tiergate.Storage.Audit;

/// <summary>
/// Stands in for sensitive identifiers (emails, client addresses, external subject ids) in audit
/// records with a keyed HMAC, as HashiCorp Vault's audit devices do: equal inputs give equal
/// outputs, so an auditor can search for <c>Protect("alice@example.org")</c>, but the log alone
/// does not reveal the value. Normalise values first (e.g. lowercase emails). The key is the key ring's index key (wrapped by the KEK).
/// </summary>
public sealed class AuditIdentifierHasher(KeyRing ring)
{
    public const string Prefix = "hmac-sha256:";
    private const string Purpose = "audit-identifier";

    public string Protect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Prefix + ring.BlindIndex(value, Purpose);
    }
}
