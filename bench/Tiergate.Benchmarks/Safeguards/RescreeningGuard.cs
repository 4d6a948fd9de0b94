using System.Text;
using System.Text.Json;
using Tiergate.Server.Screening;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>
/// The output guard as it was before screening sessions (the benchmark's baseline): every half hold-back
/// window, the whole accumulated answer is screened again, so the cost grows with the square of its length.
/// </summary>
internal sealed class RescreeningGuard(OutputScreening screening)
{
    private readonly List<(byte[] Event, int ContentEnd)> _pending = [];
    private readonly StringBuilder _text = new();
    private int _screenedLength;

    public ScreeningOutcome Outcome { get; private set; } = ScreeningOutcome.Clean;

    public bool Add(byte[] sseEvent, byte[] data, List<byte[]> release)
    {
        var isDone = data.AsSpan().SequenceEqual("[DONE]"u8);
        if (!isDone)
        {
            AppendContent(data);
        }

        if (!screening.CanBlock)
        {
            release.Add(sseEvent);
            return true;
        }

        _pending.Add((sseEvent, _text.Length));
        if (isDone)
        {
            return Finish(release);
        }

        return _text.Length - _screenedLength < screening.HoldBackChars / 2 || ScreenAndRelease(release, _text.Length - screening.HoldBackChars);
    }

    public bool Finish(List<byte[]> release) => ScreenAndRelease(release, int.MaxValue);

    private bool ScreenAndRelease(List<byte[]> release, int safeEnd)
    {
        if (_screenedLength != _text.Length || !screening.CanBlock)
        {
            Outcome = screening.Screen(_text.ToString());
            _screenedLength = _text.Length;
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

    private void AppendContent(byte[] data)
    {
        if (data.AsSpan().IndexOf("\"content\""u8) < 0)
        {
            return;
        }

        using var chunk = JsonDocument.Parse(data);
        foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
        {
            if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                _text.Append(content.GetString());
            }
        }
    }
}
