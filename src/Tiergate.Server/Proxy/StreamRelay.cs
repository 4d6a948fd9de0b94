using System.Buffers;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Proxy;

/// <summary>
/// Passes a server-sent event stream to the client event by event, as each arrives: whole events
/// only, so the gateway can read usage from them, drop the usage chunk it asked for itself, and
/// screen the answer (holding events back where the tier can block).
/// </summary>
internal sealed class StreamRelay(Stream upstream, HttpResponse response, bool keepUsageChunk, OutputScreening? screening, Action rearmTimeout)
{
    private const int ReadSize = 16 * 1024;
    private const int MaxEventBytes = 4 * 1024 * 1024;
    private readonly StreamOutputGuard? _guard = screening is null ? null : new StreamOutputGuard(screening);
    private readonly List<byte[]> _release = [];

    public UpstreamUsage? Usage { get; private set; }

    public ScreeningOutcome Screening => _guard?.Outcome ?? ScreeningOutcome.Clean;

    /// <summary>Relays until the upstream ends or the answer is blocked (then the stream ends with an error event and no [DONE]).</summary>
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
                var (consumed, open) = await ForwardCompleteEventsAsync(buffer.AsMemory(0, filled), cancellationToken);
                if (!open)
                {
                    await WriteBlockedAsync(cancellationToken);
                    return;
                }

                if (consumed > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                    await response.Body.FlushAsync(cancellationToken);
                }
            }

            if (_guard is not null && !_guard.Finish(_release))
            {
                await WriteBlockedAsync(cancellationToken);
                return;
            }

            await WriteReleasedAsync(cancellationToken);
            if (filled > 0 && _guard is null)
            {
                await response.Body.WriteAsync(buffer.AsMemory(0, filled), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<(int Consumed, bool Open)> ForwardCompleteEventsAsync(ReadOnlyMemory<byte> pending, CancellationToken cancellationToken)
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

            var sseEvent = pending.Slice(offset, length);
            var data = SseEvents.Data(sseEvent.Span);
            var dropped = false;
            if (data.IndexOf("\"usage\""u8) >= 0 && UpstreamUsage.TryRead(data, out var usage))
            {
                Usage = usage;
                dropped = !keepUsageChunk && SseEvents.IsUsageOnlyChunk(data);
            }

            if (_guard is not null)
            {
                if (!dropped && !_guard.Add(sseEvent.Span, data, _release))
                {
                    return (offset, false);
                }

                await WriteReleasedAsync(cancellationToken);
            }
            else if (dropped)
            {
                await response.Body.WriteAsync(pending[runStart..offset], cancellationToken);
                runStart = offset + length;
            }

            offset += length;
        }

        if (_guard is null && offset > runStart)
        {
            await response.Body.WriteAsync(pending[runStart..offset], cancellationToken);
        }

        return (offset, true);
    }

    private async ValueTask WriteReleasedAsync(CancellationToken cancellationToken)
    {
        foreach (var released in _release)
        {
            await response.Body.WriteAsync(released, cancellationToken);
        }

        _release.Clear();
    }

    private async Task WriteBlockedAsync(CancellationToken cancellationToken)
    {
        var block = _guard!.Outcome.Block!;
        var error = OpenAiError.Serialize(ErrorCodes.ContentBlocked, $"The answer was stopped: it touches '{block.Category}', which this tier blocks.", extra: OpenAiError.ContentBlockedFields(block.Category, "output"));
        await response.Body.WriteAsync("data: "u8.ToArray(), cancellationToken);
        await response.Body.WriteAsync(error, cancellationToken);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
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
