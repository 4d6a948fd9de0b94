using System.Buffers;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Proxy;

/// <summary>
/// Passes a server-sent event stream to the client event by event, as each arrives: whole events only,
/// read as a client reads them (<see cref="SseEvents"/>), so the gateway screens exactly the data a client
/// parses, reads usage from it, drops the usage chunk it asked for itself, and shows the variant's name
/// instead of the upstream's model. Each event is written again as its data alone (<see cref="AnswerRewrite"/>);
/// events without data are dropped, and so is everything after <c>[DONE]</c>. Where the tier can block,
/// events are held back by the guard, and an event that is not a JSON chunk ends the stream.
/// </summary>
internal sealed class StreamRelay(Stream upstream, HttpResponse response, bool keepUsageChunk, OutputScreening? screening, byte[] model, Action rearmTimeout)
{
    private const int ReadSize = 16 * 1024;
    private const int MaxEventBytes = 4 * 1024 * 1024;
    private readonly StreamOutputGuard? _guard = screening is null ? null : new StreamOutputGuard(screening);
    private readonly AnswerFields _fields = new();
    private readonly List<JsonSplice> _splices = [];
    private readonly ArrayBufferWriter<byte> _joined = new();
    private readonly ArrayBufferWriter<byte> _out = new();
    private readonly List<byte[]> _release = [];
    private readonly List<byte[]> _awaitingGuardModel = [];
    private int _judgedLength;
    private ScreeningOutcome _guardModelOutcome = ScreeningOutcome.Clean;

    private enum State
    {
        Open,
        Done,
        Blocked,
        Unreadable,
        GuardBlocked,
        GuardDown,
    }

    public UpstreamUsage? Usage { get; private set; }

    public ScreeningOutcome Screening => ScreeningOutcome.Merge(_guard?.Outcome ?? ScreeningOutcome.Clean, _guardModelOutcome);

    /// <summary>True when an event was not a JSON chunk: where the tier can block, the stream ended there with <c>upstream_invalid</c>.</summary>
    public bool Unreadable { get; private set; }

    /// <summary>
    /// Relays until the upstream ends or sends <c>[DONE]</c>, or the answer is blocked or unreadable (then the
    /// stream ends with an error event and no [DONE]). An incomplete event at the end is dropped, as a client drops it.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        var filled = 0;
        var first = true;
        var state = State.Open;
        try
        {
            while (state == State.Open)
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
                var start = 0;
                if (first && filled >= 3)
                {
                    // A client skips one byte order mark at the start of the stream.
                    first = false;
                    start = buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8) ? 3 : 0;
                }
                else if (first)
                {
                    continue;
                }

                (var consumed, state) = ProcessEvents(buffer.AsSpan(start, filled - start));
                consumed += start;
                if (state == State.Open)
                {
                    state = await JudgeAsync(final: false, cancellationToken);
                }

                await WriteOutAsync(cancellationToken);
                if (consumed > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                    await response.Body.FlushAsync(cancellationToken);
                }
            }

            if (state is State.Open or State.Done && _guard is not null && !_guard.Finish(_release))
            {
                state = State.Blocked;
            }

            if (state is State.Open or State.Done && await JudgeAsync(final: true, cancellationToken) is var judged && judged != State.Open)
            {
                state = judged;
            }

            await WriteOutAsync(cancellationToken);
            switch (state)
            {
                case State.Blocked:
                    var block = _guard!.Outcome.Block!;
                    await WriteErrorAsync(OpenAiError.Serialize(ErrorCodes.ContentBlocked, $"The answer was stopped: it touches '{block.Category}', which this tier blocks.", extra: OpenAiError.ContentBlockedFields(block.Category, "output")), cancellationToken);
                    return;
                case State.GuardBlocked:
                    var stopped = _guardModelOutcome.Block!;
                    await WriteErrorAsync(OpenAiError.Serialize(ErrorCodes.ContentBlocked, $"The answer was stopped: it touches '{stopped.Category}', which this tier blocks.", extra: OpenAiError.ContentBlockedFields(stopped.Category, "output")), cancellationToken);
                    return;
                case State.GuardDown:
                    await WriteErrorAsync(OpenAiError.Serialize(ErrorCodes.GuardUnavailable, "The answer was stopped: the tier's guard model could not judge it."), cancellationToken);
                    return;
                case State.Unreadable:
                    await WriteErrorAsync(OpenAiError.Serialize(ErrorCodes.UpstreamInvalid, "The model server sent an event that is not a chat completion chunk."), cancellationToken);
                    return;
                case State.Done:
                    await response.Body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), cancellationToken);
                    break;
            }

            await response.Body.FlushAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Where the tier has an output guard model: what the local screening released waits until the guard has
    /// judged the answer so far, which it does once a hold-back window of new text has arrived, and at the end.
    /// Open when the held events may go; GuardBlocked or GuardDown (nothing more is sent) otherwise.
    /// </summary>
    private async Task<State> JudgeAsync(bool final, CancellationToken cancellationToken)
    {
        if (screening?.Guard is not { } judge || _guard is null)
        {
            return State.Open;
        }

        _awaitingGuardModel.AddRange(_release);
        _release.Clear();
        var length = _guard.TextLength;
        var unjudged = length - _judgedLength;
        if (_awaitingGuardModel.Count == 0 || (!final && unjudged < screening.HoldBackChars))
        {
            return State.Open;
        }

        if (unjudged > 0)
        {
            var outcome = await judge(_guard.TextSoFar(), cancellationToken);
            _judgedLength = length;
            _guardModelOutcome = ScreeningOutcome.Merge(_guardModelOutcome, outcome);
            if (outcome.Blocked || outcome.GuardUnavailable is not null)
            {
                _awaitingGuardModel.Clear();
                return outcome.Blocked ? State.GuardBlocked : State.GuardDown;
            }
        }

        _release.AddRange(_awaitingGuardModel);
        _awaitingGuardModel.Clear();
        return State.Open;
    }

    /// <summary>Reads the complete events in <paramref name="pending"/> and queues what may be sent.</summary>
    private (int Consumed, State State) ProcessEvents(ReadOnlySpan<byte> pending)
    {
        var offset = 0;
        while (true)
        {
            var length = SseEvents.CompleteEventLength(pending[offset..]);
            if (length < 0)
            {
                return (offset, State.Open);
            }

            var sseEvent = pending.Slice(offset, length);
            offset += length;
            var state = ProcessEvent(sseEvent);
            if (state != State.Open)
            {
                return (offset, state);
            }
        }
    }

    private State ProcessEvent(ReadOnlySpan<byte> sseEvent)
    {
        if (!SseEvents.TryReadData(sseEvent, _joined, out var data))
        {
            // Comments, keep-alives, ids alone: a client dispatches nothing for them.
            return State.Open;
        }

        if (SseEvents.IsDone(data))
        {
            return State.Done;
        }

        if (data.IndexOf("\"usage\""u8) >= 0 && UpstreamUsage.TryRead(data, out var usage))
        {
            Usage = usage;
            if (!keepUsageChunk && SseEvents.IsUsageOnlyChunk(data))
            {
                return State.Open;
            }
        }

        var readable = _guard is null ? _fields.TryRead(data, null, _splices, wholeAnswer: false) : _guard.Read(data, _splices);
        if (!readable)
        {
            Unreadable = true;
            if (screening is { CanBlock: true })
            {
                return State.Unreadable;
            }

            // A tier that cannot block passes it on as it came (the guard screened it as text, and it is logged).
            _splices.Clear();
        }

        var before = _out.WrittenCount;
        AnswerRewrite.WriteEvent(_out, data, _splices, model);
        if (_guard is null)
        {
            return State.Open;
        }

        var held = _out.WrittenSpan[before..].ToArray();
        _out.ResetWrittenCount();
        return _guard.Hold(held, _release) ? State.Open : State.Blocked;
    }

    private async ValueTask WriteOutAsync(CancellationToken cancellationToken)
    {
        if (_out.WrittenCount > 0)
        {
            await response.Body.WriteAsync(_out.WrittenMemory, cancellationToken);
            _out.ResetWrittenCount();
        }

        foreach (var released in _release)
        {
            await response.Body.WriteAsync(released, cancellationToken);
        }

        _release.Clear();
    }

    private async Task WriteErrorAsync(byte[] error, CancellationToken cancellationToken)
    {
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
