using System.Globalization;
using System.Text.Json;

namespace Tiergate.Bench.Monitoring.Scoring;

/// <summary>
/// Reads <c>{"events":N,"alerts":[{"detector","user","key","tier","severity","at","evidence"}]}</c>. Lenient where the
/// format leaves room: user as number or numeric string, or absent/null with the user taken from a <c>k&lt;user&gt;</c> key id.
/// </summary>
internal static class AlertsReader
{
    public static List<Alert> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var alerts = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("alerts");
        var result = new List<Alert>();
        foreach (var a in alerts.EnumerateArray())
        {
            var key = a.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var user = a.TryGetProperty("user", out var u) ? UserOf(u) : null;
            var at = DateTime.Parse(a.GetProperty("at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var tier = a.TryGetProperty("tier", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            result.Add(new Alert(a.GetProperty("detector").GetString()!, user ?? UserOfKey(key), key, at, tier));
        }

        return result;
    }

    private static int? UserOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>The simulator's key ids are <c>k17</c> (interactive) and <c>k17b</c> (batch jobs) for user 17.</summary>
    public static int? UserOfKey(string? key)
    {
        if (key is null || key.Length < 2 || key[0] != 'k')
        {
            return null;
        }

        var digits = key.AsSpan(1).TrimEnd('b');
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
