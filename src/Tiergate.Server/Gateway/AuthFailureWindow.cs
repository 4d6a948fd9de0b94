using System.Globalization;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Gateway;

/// <summary>One source's failed authentications in one clock minute: what its single audit record will say.</summary>
internal sealed class AuthFailureWindow(string source, long minute)
{
    private const int MaxKeyIds = 8;
    private const int MaxPaths = 4;

    private readonly SortedSet<string> _keyIds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);

    public string Source { get; } = source;

    /// <summary>Minutes since the Unix epoch (UTC).</summary>
    public long Minute { get; } = minute;

    public int Count { get; private set; }

    public int Missing { get; private set; }

    public int Invalid { get; private set; }

    public int Throttled { get; private set; }

    /// <summary>Counts one failure; true when it is beyond <paramref name="allowed"/> in this minute (throttled).</summary>
    public bool Add(ErrorCode code, string? keyId, string path, int allowed)
    {
        Count++;
        if (code == ErrorCodes.MissingApiKey)
        {
            Missing++;
        }
        else
        {
            Invalid++;
        }

        if (keyId is not null && _keyIds.Count < MaxKeyIds)
        {
            _keyIds.Add(keyId);
        }

        if (_paths.Count < MaxPaths)
        {
            _paths.Add(path.Length > 64 ? path[..64] : path);
        }

        var throttled = Count > allowed;
        if (throttled)
        {
            Throttled++;
        }

        return throttled;
    }

    /// <summary>
    /// The aggregate record, <c>gateway.auth_failures</c>. <c>key_ids</c> lists ids of real keys sent with a
    /// wrong secret (a guess at a known key), at most <see cref="MaxKeyIds"/>; an unknown id is never listed.
    /// </summary>
    public AuditEvent ToAuditEvent() => new("gateway.auth_failures", "anonymous", $"client:{Source}", "denied", new Dictionary<string, string>
    {
        ["client"] = Source,
        ["minute"] = DateTimeOffset.FromUnixTimeSeconds(Minute * 60).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture),
        ["count"] = Count.ToString(CultureInfo.InvariantCulture),
        [ErrorCodes.MissingApiKey.Name] = Missing.ToString(CultureInfo.InvariantCulture),
        [ErrorCodes.InvalidApiKey.Name] = Invalid.ToString(CultureInfo.InvariantCulture),
        ["throttled"] = Throttled.ToString(CultureInfo.InvariantCulture),
        ["key_ids"] = string.Join(',', _keyIds),
        ["paths"] = string.Join(',', _paths),
    });
}
