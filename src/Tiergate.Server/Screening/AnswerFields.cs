using System.Globalization;
using System.Text.Json;

namespace Tiergate.Server.Screening;

/// <summary>How a string the model returned joins the text before it in its channel.</summary>
internal enum AnswerTextKind
{
    /// <summary>A piece of a longer text (content, reasoning, tool-call arguments, logprob tokens): streamed deltas concatenate.</summary>
    Continues,

    /// <summary>A text that stands alone (one of <c>top_logprobs</c>' alternatives): screened as its own piece.</summary>
    Separate,

    /// <summary>A protocol value the upstream repeats (ids, roles, <c>finish_reason</c>, part types): screened when it changes.</summary>
    Metadata,
}

/// <summary>Receives every string of a completion or chunk with the channel it belongs to.</summary>
internal interface IAnswerTextSink
{
    void Text(ReadOnlySpan<char> channel, ReadOnlySpan<char> text, AnswerTextKind kind);
}

/// <summary>A top-level value to replace when the answer is relayed: <c>model</c> (by the variant's name) or <c>system_fingerprint</c> (by null).</summary>
internal readonly record struct JsonSplice(int Start, int Length, bool IsModel);

/// <summary>
/// Reads a chat completion or stream chunk once, with <see cref="Utf8JsonReader"/>, and hands every string
/// in it to a sink, keyed by channel: the JSON path with choices and tool calls named by their
/// <c>index</c> (so the deltas of one tool call's arguments join, whatever interleaves them) and other
/// arrays read as sequences (content parts, logprob tokens). Nothing is skipped by name, so a field the
/// gateway does not know is screened too; only the top-level <c>model</c> and <c>system_fingerprint</c>
/// are not handed over, because they are replaced. False when the payload is not JSON or not the shape
/// of an answer (a root object; <c>choices</c> an array of objects, required in a whole answer;
/// <c>message</c>/<c>delta</c> an object). Not thread-safe; reuse one per answer.
/// </summary>
internal sealed class AnswerFields
{
    private const int MaxDepth = 64;
    private char[] _path = new char[128];
    private char[] _text = new char[256];
    private int _pathLength;

    public bool TryRead(ReadOnlySpan<byte> json, IAnswerTextSink? sink, List<JsonSplice> splices, bool wholeAnswer)
    {
        splices.Clear();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var sawChoices = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isModel = reader.ValueTextEquals("model"u8);
                if (isModel || reader.ValueTextEquals("system_fingerprint"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    splices.Add(new JsonSplice(start, (int)reader.BytesConsumed - start, isModel));
                    continue;
                }

                if (sink is null)
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                if (reader.ValueTextEquals("choices"u8))
                {
                    sawChoices = true;
                    reader.Read();
                    if (!ReadChoices(ref reader, sink))
                    {
                        return false;
                    }

                    continue;
                }

                _pathLength = 0;
                var kind = KindOf(ref reader, AnswerTextKind.Continues);
                PushName(ref reader);
                reader.Read();
                if (!Walk(ref reader, sink, kind))
                {
                    return false;
                }
            }

            // Anything after the root object is not one JSON value (the reader throws on it).
            return !reader.Read() && (sink is null || !wholeAnswer || sawChoices);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a lone surrogate escape in a string.
            return false;
        }
    }

    private bool ReadChoices(ref Utf8JsonReader reader, IAnswerTextSink sink)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            _pathLength = 0;
            PushIndexed("choices", IndexOf(reader) ?? position);
            var choiceLength = _pathLength;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                _pathLength = choiceLength;
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("delta"u8);
                var kind = KindOf(ref reader, AnswerTextKind.Continues);
                PushName(ref reader);
                reader.Read();
                if (isMessage && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
                {
                    return false;
                }

                if (!Walk(ref reader, sink, kind))
                {
                    return false;
                }
            }

            position++;
        }

        return true;
    }

    /// <summary>Hands over every string in the value the reader is on, its path in <see cref="_path"/>.</summary>
    private bool Walk(ref Utf8JsonReader reader, IAnswerTextSink sink, AnswerTextKind kind)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                EnsureCapacity(ref _text, reader.ValueSpan.Length);
                var written = reader.CopyString(_text);
                if (written > 0)
                {
                    sink.Text(_path.AsSpan(0, _pathLength), _text.AsSpan(0, written), kind);
                }

                return true;

            case JsonTokenType.StartObject:
                var objectLength = _pathLength;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    _pathLength = objectLength;
                    var isToolCalls = reader.ValueTextEquals("tool_calls"u8);
                    var childKind = KindOf(ref reader, kind);
                    PushName(ref reader);
                    reader.Read();
                    if (isToolCalls && reader.TokenType == JsonTokenType.StartArray)
                    {
                        if (!WalkKeyedArray(ref reader, sink, childKind))
                        {
                            return false;
                        }
                    }
                    else if (!Walk(ref reader, sink, childKind))
                    {
                        return false;
                    }
                }

                _pathLength = objectLength;
                return true;

            case JsonTokenType.StartArray:
                // A sequence: content parts, logprob tokens. Its items continue one text.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!Walk(ref reader, sink, kind))
                    {
                        return false;
                    }
                }

                return true;

            default:
                return true;
        }
    }

    /// <summary>An array whose objects are named by their <c>index</c> (tool calls): each is its own channel.</summary>
    private bool WalkKeyedArray(ref Utf8JsonReader reader, IAnswerTextSink sink, AnswerTextKind kind)
    {
        var arrayLength = _pathLength;
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _pathLength = arrayLength;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                PushIndex(IndexOf(reader) ?? position);
            }

            if (!Walk(ref reader, sink, kind))
            {
                return false;
            }

            position++;
        }

        _pathLength = arrayLength;
        return true;
    }

    /// <summary>
    /// The object's <c>index</c> (the last one, as JSON parsers that keep the last duplicate read it), read
    /// ahead on a copy of the reader: it may come after the fields it names.
    /// </summary>
    private static int? IndexOf(Utf8JsonReader ahead)
    {
        int? index = null;
        while (ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName)
        {
            var isIndex = ahead.ValueTextEquals("index"u8);
            ahead.Read();
            if (isIndex)
            {
                index = ahead.TokenType == JsonTokenType.Number && ahead.TryGetInt32(out var i) && i >= 0 ? i : null;
            }

            ahead.Skip();
        }

        return index;
    }

    private static AnswerTextKind KindOf(ref Utf8JsonReader reader, AnswerTextKind inherited)
    {
        if (reader.ValueTextEquals("top_logprobs"u8))
        {
            return AnswerTextKind.Separate;
        }

        return reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("object"u8) || reader.ValueTextEquals("role"u8)
            || reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("finish_reason"u8) || reader.ValueTextEquals("service_tier"u8)
            ? AnswerTextKind.Metadata
            : inherited;
    }

    private void PushName(ref Utf8JsonReader reader)
    {
        EnsureCapacity(ref _path, _pathLength + 1 + reader.ValueSpan.Length);
        if (_pathLength > 0)
        {
            _path[_pathLength++] = '.';
        }

        _pathLength += reader.CopyString(_path.AsSpan(_pathLength));
    }

    private void PushIndexed(string name, int index)
    {
        EnsureCapacity(ref _path, _pathLength + name.Length + 13);
        name.CopyTo(_path.AsSpan(_pathLength));
        _pathLength += name.Length;
        PushIndex(index);
    }

    private void PushIndex(int index)
    {
        EnsureCapacity(ref _path, _pathLength + 13);
        _path[_pathLength++] = '[';
        index.TryFormat(_path.AsSpan(_pathLength), out var digits, provider: CultureInfo.InvariantCulture);
        _pathLength += digits;
        _path[_pathLength++] = ']';
    }

    private static void EnsureCapacity(ref char[] buffer, int needed)
    {
        if (buffer.Length < needed)
        {
            Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
        }
    }
}
