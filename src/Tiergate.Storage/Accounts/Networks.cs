using System.Collections.Concurrent;
using System.Net;
using Tiergate.Core.Access;

namespace Tiergate.Storage.Accounts;

/// <summary>Parses a key's stored allowlist; parsed lists are cached because the same few recur on every request.</summary>
internal static class Networks
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<IPNetwork>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<IPNetwork> Parse(string stored) =>
        stored.Length == 0 ? [] : Cache.GetOrAdd(stored, static s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(IPNetwork.Parse).ToArray());

    /// <summary>Validates and canonicalises allowlist entries given by an administrator (<see cref="StrictNetwork"/>); a bare address means a single host.</summary>
    public static bool TryCanonicalise(IEnumerable<string> blocks, out string stored, out string? bad)
    {
        var parsed = new List<string>();
        foreach (var block in blocks)
        {
            if (!StrictNetwork.TryParse(block.Trim(), out var network, out var problem))
            {
                stored = "";
                bad = $"'{block}' {problem}";
                return false;
            }

            parsed.Add(network.ToString());
        }

        stored = string.Join(' ', parsed);
        bad = null;
        return true;
    }
}
