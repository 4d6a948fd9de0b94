using System.Collections.Concurrent;

namespace Tiergate.Console.Pages.Keys;

/// <summary>
/// Remembers, for an hour, the one-time ids of key forms already submitted, so a replayed or double-clicked
/// "Create key" post makes no second key. Process-local: the console runs in the one <c>tiergate serve</c> process.
/// </summary>
internal static class SubmittedForms
{
    private static readonly TimeSpan Memory = TimeSpan.FromHours(1);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Seen = new(StringComparer.Ordinal);

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>True the first time <paramref name="formId"/> is used by <paramref name="userId"/>; false for a replay.</summary>
    public static bool TryUse(long userId, string? formId, DateTimeOffset now)
    {
        if (formId is not { Length: 32 } || !formId.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        if (Seen.Count > 10_000)
        {
            foreach (var (key, at) in Seen)
            {
                if (now - at > Memory)
                {
                    Seen.TryRemove(key, out _);
                }
            }
        }

        return Seen.TryAdd($"{userId}:{formId}", now);
    }
}
