using System.Text.Json;
using System.Text.Unicode;

namespace Tiergate.Corpus.Json;

/// <summary>
/// Pulls the text field (and the optional id field) out of one JSONL line without allocating:
/// the text is returned as unescaped UTF-8 in a buffer the extractor owns, the id as the raw
/// JSON token bytes. The whole line is read, so trailing garbage is caught as malformed JSON.
/// One instance per worker thread.
/// </summary>
public sealed class TextFieldExtractor
{
    private readonly JsonFieldPath _text;
    private readonly JsonFieldPath? _id;
    private byte[] _buffer = new byte[64 * 1024];
    private int _textStart = -1;

    public TextFieldExtractor(JsonFieldPath text, JsonFieldPath? id)
    {
        _text = text;
        _id = id;
    }

    /// <summary>Where the id token sits in the line (start, length), or (0, 0) when absent.</summary>
    public (int Start, int Length) IdToken { get; private set; }

    /// <summary>Byte position in the line where parsing failed, for malformed lines.</summary>
    public long ErrorPosition { get; private set; }

    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public ExtractStatus Extract(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> text)
    {
        text = default;
        IdToken = default;
        ErrorPosition = 0;
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0)
        {
            return ExtractStatus.EmptyLine;
        }

        if (!Utf8.IsValid(line))
        {
            return ExtractStatus.InvalidUtf8;
        }

        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        var textStatus = ExtractStatus.MissingTextField;
        var textLength = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                ErrorPosition = reader.TokenStartIndex;
                return ExtractStatus.MalformedJson;
            }

            Walk(ref reader, 1, textOnPath: true, idOnPath: _id is not null, ref textStatus, ref textLength);
            while (reader.Read())
            {
                // A second value on the line is malformed; Utf8JsonReader throws on it.
            }
        }
        catch (JsonException ex)
        {
            ErrorPosition = ex.BytePositionInLine ?? reader.BytesConsumed;
            return ExtractStatus.MalformedJson;
        }

        if (textStatus == ExtractStatus.Ok)
        {
            text = _textStart >= 0 ? line.Slice(_textStart, textLength) : _buffer.AsSpan(0, textLength);
        }

        return textStatus;
    }

    // On entry the reader sits on a StartObject at nesting `depth`; textOnPath/idOnPath say whether
    // the enclosing property names matched the first depth-1 segments of each path.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Walk(ref Utf8JsonReader reader, int depth, bool textOnPath, bool idOnPath, ref ExtractStatus textStatus, ref int textLength)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            // PropertyName
            var textHere = textOnPath && depth <= _text.Depth && reader.ValueTextEquals(_text.Segment(depth - 1));
            var idHere = idOnPath && depth <= _id!.Depth && reader.ValueTextEquals(_id.Segment(depth - 1));
            reader.Read();
            var textLeaf = textHere && depth == _text.Depth;
            var idLeaf = idHere && depth == _id!.Depth;
            if (textLeaf && textStatus == ExtractStatus.MissingTextField)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    textLength = CopyText(ref reader);
                    textStatus = ExtractStatus.Ok;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    textStatus = ExtractStatus.TextFieldNotString;
                }
            }

            if (idLeaf && IdToken.Length == 0 && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                var start = (int)reader.TokenStartIndex;
                IdToken = (start, (int)reader.BytesConsumed - start);
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                Walk(ref reader, depth + 1, textHere && !textLeaf, idHere && !idLeaf, ref textStatus, ref textLength);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }
    }

    private int CopyText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // Unescaped strings are used in place: the value starts one byte after the quote.
            _textStart = (int)reader.TokenStartIndex + 1;
            return reader.ValueSpan.Length;
        }

        _textStart = -1;
        EnsureCapacity(reader.ValueSpan.Length);
        return reader.CopyString(_buffer);
    }

    private void EnsureCapacity(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }
    }
}
