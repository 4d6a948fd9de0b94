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

    /// <summary>True for the usage-only chunk (<c>"choices":[]</c> with usage) that the gateway itself asked for.</summary>
    public static bool IsUsageOnlyChunk(ReadOnlySpan<byte> data) =>
        data.IndexOf("\"choices\":[]"u8) >= 0 && data.IndexOf("\"usage\":{"u8) >= 0;
}
