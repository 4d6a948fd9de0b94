using System.Text.Json;

namespace Tiergate.Server.Screening;

/// <summary>
/// Screens a streamed answer as it grows, each char once (an <see cref="OutputScreeningSession"/>), with
/// one rule: the outcome for the answer so far is the outcome of screening it whole. Where the tier can
/// block, events are held back until the text after them is at least the hold-back window and
/// everything so far screens clean (checked every half window), so no blocked text leaves; where it can
/// only flag, events pass at once and the outcome is taken when the stream ends.
/// </summary>
public sealed class StreamOutputGuard
{
    private readonly OutputScreening _screening;
    private readonly OutputScreeningSession _session;
    private readonly List<(byte[] Event, int ContentEnd)> _pending = [];
    private int _screenedLength;

    public StreamOutputGuard(OutputScreening screening)
    {
        _screening = screening ?? throw new ArgumentNullException(nameof(screening));
        _session = screening.Begin();
    }

    public ScreeningOutcome Outcome { get; private set; } = ScreeningOutcome.Clean;

    /// <summary>Takes one event; adds to <paramref name="release"/> what may be sent now. False once the answer is blocked.</summary>
    public bool Add(ReadOnlySpan<byte> sseEvent, ReadOnlySpan<byte> data, List<byte[]> release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var isDone = data.SequenceEqual("[DONE]"u8);
        if (!isDone)
        {
            AppendContent(data);
        }

        if (!_screening.CanBlock)
        {
            release.Add(sseEvent.ToArray());
            return true;
        }

        _pending.Add((sseEvent.ToArray(), _session.Length));
        if (isDone)
        {
            return Finish(release);
        }

        return _session.Length - _screenedLength < _screening.HoldBackChars / 2 || ScreenAndRelease(release, _session.Length - _screening.HoldBackChars);
    }

    /// <summary>The stream ended: takes the outcome of the whole answer and releases what is left unless it is blocked.</summary>
    public bool Finish(List<byte[]> release) => ScreenAndRelease(release, int.MaxValue);

    private bool ScreenAndRelease(List<byte[]> release, int safeEnd)
    {
        if (_screenedLength != _session.Length || !_screening.CanBlock)
        {
            Outcome = _session.Outcome;
            _screenedLength = _session.Length;
        }

        if (Outcome.Blocked)
        {
            _pending.Clear();
            return false;
        }

        var released = 0;
        while (released < _pending.Count && _pending[released].ContentEnd <= safeEnd)
        {
            release.Add(_pending[released].Event);
            released++;
        }

        _pending.RemoveRange(0, released);
        return true;
    }

    private void AppendContent(ReadOnlySpan<byte> data)
    {
        if (data.IndexOf("\"content\""u8) < 0)
        {
            return;
        }

        try
        {
            using var chunk = JsonDocument.Parse(data.ToArray());
            if (!chunk.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    _session.Append(content.GetString());
                }
            }
        }
        catch (JsonException)
        {
            // Not a JSON chunk: nothing to screen in it, and it is passed on as the upstream sent it.
        }
    }
}
