using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// Turns requests into the replay format's event lines, in time order, the way the gateway emits them:
/// input block: safeguard.block (with the prompt), request.denied content_blocked; input flag: safeguard.flag,
/// request.admitted, request.completed; otherwise request.admitted, an output safeguard event if any, request.completed.
/// </summary>
internal static class EventWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Writes every event of <paramref name="requests"/>, returns the number of lines.</summary>
    public static long Write(IReadOnlyList<Request> requests, Stream output)
    {
        var events = new List<(long At, int Request, byte Part)>(requests.Count * 2);
        for (var i = 0; i < requests.Count; i++)
        {
            var q = requests[i];
            var end = q.At + RequestFactory.Ticks(q.LatencyMs / 1000.0);
            switch (q.Screening)
            {
                case Screening.InputBlock:
                case Screening.Clean:
                    events.Add((q.At, i, 0));
                    events.Add((end, i, 1));
                    break;
                default:
                    events.Add((q.At, i, 0));
                    events.Add((q.Screening == Screening.InputFlag ? q.At : q.At + ((end - q.At) * 4 / 5), i, 1));
                    events.Add((end, i, 2));
                    break;
            }
        }

        events.Sort();
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, Options);
        foreach (var (at, index, part) in events)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            WriteLine(json, requests[index], at, part);
            json.Flush();
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
        }

        return events.Count;
    }

    private static void WriteLine(Utf8JsonWriter json, Request q, long at, byte part)
    {
        var kind = (q.Screening, part) switch
        {
            (Screening.InputBlock, 0) => "safeguard.block",
            (Screening.InputBlock, _) => "request.denied",
            (Screening.InputFlag, 0) => "safeguard.flag",
            (Screening.InputFlag, 1) => "request.admitted",
            (Screening.OutputBlock, 1) => "safeguard.block",
            (Screening.OutputFlag, 1) => "safeguard.flag",
            (_, 0) => "request.admitted",
            _ => "request.completed",
        };
        json.WriteStartObject();
        json.WriteString("at", new DateTime(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("kind", kind);
        json.WriteNumber("user", q.User.Id);
        json.WriteString("key", q.Key);
        json.WriteString("tier", q.User.Tier);
        json.WriteString("variant", q.Variant);
        json.WriteString("ip", q.From.Ip);
        json.WriteString("ua", q.UserAgent);
        switch (kind)
        {
            case "request.admitted":
                json.WriteNumber("prompt_tokens", q.PromptTokens);
                json.WriteNumber("completion_tokens", q.Budget);
                json.WriteString("prompt", PromptText.Render(q.Prompt));
                break;
            case "request.completed":
                json.WriteString("code", "Completed");
                json.WriteNumber("prompt_tokens", q.PromptTokens);
                json.WriteNumber("completion_tokens", q.CompletionTokens);
                json.WriteNumber("latency_ms", q.LatencyMs);
                break;
            case "request.denied":
                json.WriteString("code", "content_blocked");
                break;
            default:
                var input = q.Screening is Screening.InputBlock or Screening.InputFlag;
                json.WriteString("direction", input ? "input" : "output");
                json.WriteString("category", Request.Categories[q.Category]);
                json.WriteNumber("score", Math.Round(q.Score, 3));
                if (input)
                {
                    json.WriteString("prompt", PromptText.Render(q.Prompt));
                }

                break;
        }

        json.WriteString("country", q.From.Country);
        json.WriteNumber("asn", q.From.Asn);
        json.WriteNumber("lat", q.From.Lat);
        json.WriteNumber("lon", q.From.Lon);
        if (q.Scenario is not null)
        {
            json.WriteString("scenario", q.Scenario);
        }

        json.WriteEndObject();
    }
}
