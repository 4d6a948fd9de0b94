using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Tiergate.Server.Proxy;

/// <summary>
/// Passes a server-sent event stream to the client event by event, as each arrives: whole events
/// only, so the gateway can read usage from them and drop the usage chunk it asked for itself.
/// </summary>
internal sealed class StreamRelay(Stream upstream, HttpResponse response, bool keepUsageChunk, Action rearmTimeout)
{
    private const int ReadSize = 16 * 1024;
    private const int MaxEventBytes = 4 * 1024 * 1024;

    public UpstreamUsage? Usage { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        var filled = 0;
        try
        {
            while (true)
            {
                if (buffer.Length - filled < ReadSize)
                {
                    buffer = Grow(buffer, filled);
                }

                var read = await upstream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                rearmTimeout();
                if (read == 0)
                {
                    break;
                }

                filled += read;
                var consumed = await ForwardCompleteEventsAsync(buffer.AsMemory(0, filled), cancellationToken);
                if (consumed > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                    await response.Body.FlushAsync(cancellationToken);
                }
            }

            if (filled > 0)
            {
                await response.Body.WriteAsync(buffer.AsMemory(0, filled), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<int> ForwardCompleteEventsAsync(ReadOnlyMemory<byte> pending, CancellationToken cancellationToken)
    {
        var offset = 0;
        var runStart = 0;
        while (true)
        {
            var length = SseEvents.CompleteEventLength(pending.Span[offset..]);
            if (length < 0)
            {
                break;
            }

            var data = SseEvents.Data(pending.Span.Slice(offset, length));
            var dropped = false;
            if (data.IndexOf("\"usage\":{"u8) >= 0 && UpstreamUsage.TryRead(data, out var usage))
            {
                Usage = usage;
                dropped = !keepUsageChunk && SseEvents.IsUsageOnlyChunk(data);
            }

            if (dropped)
            {
                await response.Body.WriteAsync(pending[runStart..offset], cancellationToken);
                runStart = offset + length;
            }

            offset += length;
        }

        if (offset > runStart)
        {
            await response.Body.WriteAsync(pending[runStart..offset], cancellationToken);
        }

        return offset;
    }

    private static byte[] Grow(byte[] buffer, int filled)
    {
        if (buffer.Length >= MaxEventBytes)
        {
            throw new InvalidDataException("An upstream event exceeded the size limit.");
        }

        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
