using System.Globalization;
using System.Text.Json;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Replay;

/// <summary>
/// Reads a replay file: JSON lines, one usage event each, in time order (docs/monitoring.md#replay). A place on
/// the line (<c>country</c>, <c>asn</c>, <c>lat</c>/<c>lon</c>) is used as written; an event without one is
/// looked up by its <c>ip</c> by the caller. Any bad line stops the replay with its line number.
/// </summary>
public static class ReplayReader
{
    public const int MaxLineChars = 1 << 20;

    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        UsageEventKinds.Admitted, UsageEventKinds.Denied, UsageEventKinds.Completed, UsageEventKinds.SafeguardBlock, UsageEventKinds.SafeguardFlag,
    };

    public static IEnumerable<ReplayLine> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        DateTimeOffset? previous = null;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (text.Length > MaxLineChars)
            {
                throw new ReplayFormatException($"line {number}: longer than {MaxLineChars} characters");
            }

            var line = Parse(text, number);
            if (line.Event.At < previous)
            {
                throw new ReplayFormatException($"line {number}: 'at' is earlier than the line before (lines must be in time order)");
            }

            previous = line.Event.At;
            yield return line;
        }
    }

    private static ReplayLine Parse(string text, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ReplayFormatException($"line {number}: not JSON ({e.Message})");
        }

        using (document)
        {
            var o = document.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
            {
                throw new ReplayFormatException($"line {number}: expected a JSON object");
            }

            var fields = new Fields(o, number);
            var at = fields.Time("at") ?? throw new ReplayFormatException($"line {number}: 'at' is required (ISO 8601 time)");
            var kind = fields.Text("kind");
            if (kind is null || !Kinds.Contains(kind))
            {
                throw new ReplayFormatException($"line {number}: 'kind' must be one of {string.Join(", ", Kinds)}");
            }

            var latency = fields.Number("latency_ms");
            var usageEvent = new UsageEvent(at, kind)
            {
                UserId = fields.Integer("user"),
                KeyId = fields.Text("key"),
                Tier = fields.Text("tier"),
                Variant = fields.Text("variant"),
                ClientAddress = fields.Text("ip"),
                UserAgent = fields.Text("ua"),
                Code = fields.Text("code"),
                Direction = fields.Text("direction"),
                Category = fields.Text("category"),
                Score = fields.Number("score"),
                PromptTokens = fields.Integer("prompt_tokens"),
                CompletionTokens = fields.Integer("completion_tokens"),
                Latency = latency is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            };
            return new ReplayLine(usageEvent, PlaceOf(fields, number), fields.Text("prompt"));
        }
    }

    private static Place? PlaceOf(Fields fields, int number)
    {
        var country = fields.Text("country")?.ToUpperInvariant();
        var asn = fields.Integer("asn");
        var lat = fields.Number("lat");
        var lon = fields.Number("lon");
        if ((lat is null) != (lon is null) || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw new ReplayFormatException($"line {number}: 'lat' and 'lon' come together, within -90..90 and -180..180");
        }

        if (lat is not null)
        {
            return new Place(PlacePrecision.City) { CountryCode = country, Asn = asn, Latitude = lat, Longitude = lon };
        }

        if (country is null)
        {
            return asn is null ? null : new Place(PlacePrecision.Unknown) { Asn = asn, Reason = "only an ASN on the line" };
        }

        return CountryReferencePoints.TryGet(country, out var la, out var lo)
            ? new Place(PlacePrecision.Country) { CountryCode = country, Asn = asn, Latitude = la, Longitude = lo }
            : new Place(PlacePrecision.Country) { CountryCode = country, Asn = asn, Reason = $"no reference point for country {country}" };
    }

    /// <summary>Typed, optional fields of one line; a field of the wrong type is an error, null is absent.</summary>
    private readonly struct Fields(JsonElement o, int number)
    {
        public string? Text(string name) => Get(name) is { } e ? e.ValueKind == JsonValueKind.String ? e.GetString() : throw Wrong(name, "a string") : null;

        public long? Integer(string name) => Get(name) is { } e ? e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : throw Wrong(name, "an integer") : null;

        public double? Number(string name) => Get(name) is { } e ? e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw Wrong(name, "a number") : null;

        public DateTimeOffset? Time(string name) => Text(name) is { } t
            ? DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var v) ? v : throw Wrong(name, "an ISO 8601 time")
            : null;

        private JsonElement? Get(string name) => o.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : null;

        private ReplayFormatException Wrong(string name, string expected) => new($"line {number}: '{name}' must be {expected}");
    }
}
