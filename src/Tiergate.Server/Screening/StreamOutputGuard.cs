using System.Text;
using Tiergate.Server.Proxy;

namespace Tiergate.Server.Screening;

/// <summary>
/// Screens a streamed answer as it grows, each char once, with one rule: the outcome for the answer so
/// far is the outcome of screening it whole (<see cref="AnswerText"/>). Every string of every event is
/// screened (<see cref="AnswerFields"/>), in one <see cref="OutputScreeningSession"/> per channel: each
/// choice's content, reasoning, refusal, legacy text and logprob tokens, and each tool call's name and
/// arguments, so deltas of one channel join however the upstream interleaves choices and tool calls,
/// and text of different channels never joins into a match no client would see. Texts that stand alone
/// (<c>top_logprobs</c> alternatives, and ids, roles and other protocol values when they change) share
/// one session, each followed by a line break. Where the tier can block, events are held back until
/// every channel they added to has grown by the hold-back window past them and everything so far
/// screens clean (checked every half window), so no blocked text leaves; where it can only flag,
/// events pass at once and the outcome is taken when the stream ends.
/// </summary>
public sealed class StreamOutputGuard : IAnswerTextSink
{
    /// <summary>More channels than any real answer has (choices × fields × tool calls): past it the stream is unreadable.</summary>
    private const int MaxChannels = 512;

    private readonly OutputScreening _screening;
    private readonly AnswerFields _fields = new();
    private readonly List<JsonSplice> _splices = [];
    private readonly Dictionary<string, Channel> _channels = [];
    private readonly Dictionary<string, Channel>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<Channel> _screened = [];
    private readonly List<Channel> _dirty = [];
    private readonly List<Pending> _pending = [];
    private readonly List<(Channel Channel, int End)> _touched = [];
    private Channel? _standalone;
    private int _sinceCheck;
    private bool _tooManyChannels;

    public StreamOutputGuard(OutputScreening screening)
    {
        _screening = screening ?? throw new ArgumentNullException(nameof(screening));
        _lookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ScreeningOutcome Outcome { get; private set; } = ScreeningOutcome.Clean;

    /// <summary>Chars of answer text kept for the guard model so far (0 without one).</summary>
    public int TextLength { get; private set; }

    /// <summary>The answer so far as the guard model reads it: each channel's text, channels apart by a blank line.</summary>
    public string TextSoFar() =>
        string.Join("\n\n", _screened.Where(c => c.Text is { Length: > 0 }).Select(c => c.Text!.ToString()));

    /// <summary>True once an event was not a JSON chunk of an answer (on a tier that can block, the stream stops there).</summary>
    public bool Unreadable { get; private set; }

    /// <summary>
    /// Takes one event (the bytes to send, and the data a client parses from them); adds to
    /// <paramref name="release"/> what may be sent now. False once the answer is blocked, or unreadable
    /// on a tier that can block. <c>[DONE]</c> ends the answer.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> sseEvent, ReadOnlySpan<byte> data, List<byte[]> release)
    {
        if (SseEvents.IsDone(data))
        {
            // Where the tier only flags, the outcome is taken by Finish, which the relay calls at the end.
            return Hold(sseEvent.ToArray(), release) && (!_screening.CanBlock || Finish(release));
        }

        return (Read(data, _splices) || !_screening.CanBlock) && Hold(sseEvent.ToArray(), release);
    }

    /// <summary>
    /// Screens one chunk's text and finds the values to replace in it. False when the chunk is unreadable:
    /// on a tier that can block the answer ends there; on one that only flags its data is screened as text.
    /// </summary>
    internal bool Read(ReadOnlySpan<byte> data, List<JsonSplice> splices)
    {
        _touched.Clear();
        if (_fields.TryRead(data, this, splices, wholeAnswer: false) && !_tooManyChannels)
        {
            return true;
        }

        Unreadable = true;
        splices.Clear();
        if (_screening.CanBlock)
        {
            _pending.Clear();
            return false;
        }

        ((IAnswerTextSink)this).Text("unreadable", Encoding.UTF8.GetString(data), AnswerTextKind.Continues);
        return false;
    }

    /// <summary>Holds the event just read (<see cref="Read"/>) until it may be sent; false once the answer is blocked.</summary>
    internal bool Hold(byte[] sseEvent, List<byte[]> release)
    {
        if (!_screening.CanBlock)
        {
            release.Add(sseEvent);
            return true;
        }

        _pending.Add(_touched.Count switch
        {
            0 => new Pending(sseEvent, null, 0, null),
            1 => new Pending(sseEvent, _touched[0].Channel, _touched[0].End, null),
            _ => new Pending(sseEvent, null, 0, [.. _touched]),
        });
        _touched.Clear();
        return _sinceCheck < _screening.HoldBackChars / 2 || ScreenAndRelease(release, final: false);
    }

    /// <summary>The stream ended: takes the outcome of the whole answer and releases what is left unless it is blocked.</summary>
    public bool Finish(List<byte[]> release) => ScreenAndRelease(release, final: true);

    void IAnswerTextSink.Text(ReadOnlySpan<char> channel, ReadOnlySpan<char> text, AnswerTextKind kind)
    {
        switch (kind)
        {
            case AnswerTextKind.Metadata:
                // Repeated in every chunk: screened when it changes, not once a chunk.
                var holder = Find(channel);
                if (holder.Last is { } last && text.SequenceEqual(last))
                {
                    return;
                }

                holder.Last = text.ToString();
                AppendStandalone(text);
                return;

            case AnswerTextKind.Separate:
                AppendStandalone(text);
                return;

            default:
                var target = Find(channel);
                Append(target, text);
                for (var i = 0; i < _touched.Count; i++)
                {
                    if (ReferenceEquals(_touched[i].Channel, target))
                    {
                        _touched[i] = (target, target.Length);
                        return;
                    }
                }

                _touched.Add((target, target.Length));
                return;
        }
    }

    private void AppendStandalone(ReadOnlySpan<char> text)
    {
        _standalone ??= NewChannel();
        Append(_standalone, text);
        Append(_standalone, "\n");
    }

    private void Append(Channel channel, ReadOnlySpan<char> text)
    {
        channel.Session ??= _screening.Begin();
        channel.Session.Append(text);
        if (_screening.Guard is not null)
        {
            // The guard model reads text, not sessions: kept only where the tier has one.
            (channel.Text ??= new StringBuilder()).Append(text);
            TextLength += text.Length;
        }

        _sinceCheck += text.Length;
        if (!channel.Dirty)
        {
            channel.Dirty = true;
            _dirty.Add(channel);
        }
    }

    private Channel Find(ReadOnlySpan<char> key)
    {
        if (_lookup.TryGetValue(key, out var channel))
        {
            return channel;
        }

        if (_channels.Count >= MaxChannels)
        {
            _tooManyChannels = true;
            return _standalone ??= NewChannel();
        }

        channel = NewChannel();
        _lookup[key] = channel;
        return channel;
    }

    private Channel NewChannel()
    {
        var channel = new Channel();
        _screened.Add(channel);
        return channel;
    }

    private bool ScreenAndRelease(List<byte[]> release, bool final)
    {
        _sinceCheck = 0;
        if (_dirty.Count > 0)
        {
            foreach (var channel in _dirty)
            {
                channel.Outcome = channel.Session!.Outcome;
                channel.Dirty = false;
            }

            _dirty.Clear();
            var outcome = ScreeningOutcome.Clean;
            foreach (var channel in _screened)
            {
                outcome = ScreeningOutcome.Merge(outcome, channel.Outcome);
            }

            Outcome = outcome;
        }

        if (Outcome.Blocked)
        {
            _pending.Clear();
            return false;
        }

        var released = 0;
        while (released < _pending.Count && (final || IsSafe(_pending[released])))
        {
            release.Add(_pending[released].Event);
            released++;
        }

        _pending.RemoveRange(0, released);
        return true;
    }

    /// <summary>True when every channel the event added to has grown by the hold-back window past it.</summary>
    private bool IsSafe(Pending pending)
    {
        if (pending.Channel is { } channel)
        {
            return channel.Length - pending.End >= _screening.HoldBackChars;
        }

        foreach (var (more, end) in pending.More ?? [])
        {
            if (more.Length - end < _screening.HoldBackChars)
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Pending(byte[] Event, Channel? Channel, int End, (Channel Channel, int End)[]? More);

    private sealed class Channel
    {
        public OutputScreeningSession? Session { get; set; }

        public int Length => Session?.Length ?? 0;

        /// <summary>For a metadata channel: the value last screened.</summary>
        public string? Last { get; set; }

        public ScreeningOutcome Outcome { get; set; } = ScreeningOutcome.Clean;

        public bool Dirty { get; set; }

        /// <summary>The channel's text, kept only where a guard model judges answers.</summary>
        public StringBuilder? Text { get; set; }
    }
}
