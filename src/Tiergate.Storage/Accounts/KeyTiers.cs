using System.Collections.Concurrent;

namespace Tiergate.Storage.Accounts;

/// <summary>A key's stored tier scope (space-separated names); parsed lists are cached as the same few recur on every request.</summary>
internal static class KeyTiers
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Parse(string stored) =>
        stored.Length == 0 ? [] : Cache.GetOrAdd(stored, static s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string Format(IEnumerable<string> tiers) => string.Join(' ', tiers);
}
