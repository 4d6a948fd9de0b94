using System.Collections.Concurrent;
using System.Net;

namespace Tiergate.Storage.Accounts;

/// <summary>Parses a key's stored allowlist; parsed lists are cached because the same few recur on every request.</summary>
internal static class Networks
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<IPNetwork>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<IPNetwork> Parse(string stored) =>
        stored.Length == 0 ? [] : Cache.GetOrAdd(stored, static s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(IPNetwork.Parse).ToArray());

    /// <summary>Validates and canonicalises CIDR blocks given by an administrator; a bare address means a single host.</summary>
    public static bool TryCanonicalise(IEnumerable<string> blocks, out string stored, out string? bad)
    {
        var parsed = new List<string>();
        foreach (var block in blocks)
        {
            var text = block.Trim();
            if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var single))
            {
                text = $"{single}/{(single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}";
            }

            if (!IPNetwork.TryParse(text, out var network))
            {
                stored = "";
                bad = block;
                return false;
            }

            parsed.Add(network.ToString());
        }

        stored = string.Join(' ', parsed);
        bad = null;
        return true;
    }
}
