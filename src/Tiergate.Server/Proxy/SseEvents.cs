using System.Buffers;
using System.Text.Json;

namespace Tiergate.Server.Proxy;

/// <summary>
/// Reads a server-sent event stream as a client does (the WHATWG rules: lines end at CRLF, LF or CR, an
/// event ends at a blank line, and every <c>data</c> field of an event is joined with LF), on raw UTF-8.
/// </summary>
internal static class SseEvents
{
    /// <summary>
    /// Length of the first complete event (including its blank-line terminator), or -1. A CR at the very
    /// end is not taken as a line end yet: the LF of a CRLF may follow in the next read.
    /// </summary>
    public static int CompleteEventLength(ReadOnlySpan<byte> buffer)
    {
        var lineStart = 0;
        var i = 0;
        while (true)
        {
            var at = buffer[i..].IndexOfAny((byte)'\r', (byte)'\n');
            if (at < 0)
            {
                return -1;
            }

            var end = i + at;
            int next;
            if (buffer[end] == '\r')
            {
                if (end + 1 >= buffer.Length)
                {
                    return -1;
                }

                next = buffer[end + 1] == '\n' ? end + 2 : end + 1;
            }
            else
            {
                next = end + 1;
            }

            if (end == lineStart)
            {
                // A blank line: the event ends here (a blank line before any field is an empty event).
                return next;
            }

            lineStart = next;
            i = next;
            if (i >= buffer.Length)
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// The event's data as a client would dispatch it: every <c>data</c> field's value (one leading space
    /// removed) joined with LF. A single data line is returned in place; several are joined in
    /// <paramref name="scratch"/>. False when the event has no data field (a comment, a keep-alive, an
    /// <c>id</c> or <c>retry</c> alone), which a client does not dispatch.
    /// </summary>
    public static bool TryReadData(ReadOnlySpan<byte> sseEvent, ArrayBufferWriter<byte> scratch, out ReadOnlySpan<byte> data)
    {
        data = default;
        var lines = 0;
        var rest = sseEvent;
        while (!rest.IsEmpty)
        {
            var at = rest.IndexOfAny((byte)'\r', (byte)'\n');
            var line = at < 0 ? rest : rest[..at];
            rest = at < 0 ? default : rest[(at + (rest[at] == '\r' && at + 1 < rest.Length && rest[at + 1] == '\n' ? 2 : 1))..];
            if (!TryDataValue(line, out var value))
            {
                continue;
            }

            if (lines == 0)
            {
                data = value;
            }
            else
            {
                if (lines == 1)
                {
                    scratch.Clear();
                    scratch.Write(data);
                }

                scratch.Write("\n"u8);
                scratch.Write(value);
                data = scratch.WrittenSpan;
            }

            lines++;
        }

        return lines > 0;
    }

    /// <summary>True for the payload a client takes as the end of the stream (the OpenAI SDKs test the prefix).</summary>
    public static bool IsDone(ReadOnlySpan<byte> data) => data.StartsWith("[DONE]"u8);

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

    /// <summary>A line's value when its field name is exactly <c>data</c> (case-sensitive, as clients read it).</summary>
    private static bool TryDataValue(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!line.StartsWith("data"u8))
        {
            return false;
        }

        if (line.Length == 4)
        {
            return true;
        }

        if (line[4] != ':')
        {
            return false;
        }

        value = line[5..];
        if (!value.IsEmpty && value[0] == ' ')
        {
            value = value[1..];
        }

        return true;
    }
}
