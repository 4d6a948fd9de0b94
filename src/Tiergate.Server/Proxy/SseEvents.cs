using System.Text.Json;

namespace Tiergate.Server.Proxy;

/// <summary>Finds event boundaries and payloads in a server-sent event stream, on raw UTF-8 bytes.</summary>
internal static class SseEvents
{
    /// <summary>Length of the first complete event (including its blank-line terminator), or -1.</summary>
    public static int CompleteEventLength(ReadOnlySpan<byte> buffer)
    {
        for (var i = 0; i + 1 < buffer.Length; i++)
        {
            if (buffer[i] != '\n')
            {
                continue;
            }

            if (buffer[i + 1] == '\n')
            {
                return i + 2;
            }

            if (buffer[i + 1] == '\r' && i + 2 < buffer.Length && buffer[i + 2] == '\n')
            {
                return i + 3;
            }
        }

        return -1;
    }

    /// <summary>The payload of the event's (first) <c>data:</c> line, without the field name.</summary>
    public static ReadOnlySpan<byte> Data(ReadOnlySpan<byte> sseEvent)
    {
        var at = sseEvent.IndexOf("data:"u8);
        if (at < 0)
        {
            return default;
        }

        var data = sseEvent[(at + 5)..];
        var end = data.IndexOfAny((byte)'\r', (byte)'\n');
        data = end < 0 ? data : data[..end];
        return data.TrimStart((byte)' ');
    }

    /// <summary>
    /// True for the usage-only chunk (empty <c>choices</c>, a <c>usage</c> object) that the gateway itself
    /// asked for, read as JSON so that any spacing the upstream writes is recognised.
    /// </summary>
    public static bool IsUsageOnlyChunk(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        var emptyChoices = false;
        var usage = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isChoices = reader.ValueTextEquals("choices"u8);
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isChoices)
                {
                    if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }

                    emptyChoices = true;
                    continue;
                }

                usage |= isUsage && reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return emptyChoices && usage;
    }
}
