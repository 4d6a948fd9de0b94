using System.Buffers;
using System.Text.Json;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Proxy;

/// <summary>
/// Writes an answer as the caller sees it: the top-level <c>model</c> is the variant's name and
/// <c>system_fingerprint</c> is null, so nothing names the upstream's model or build. The rest of the
/// bytes are copied as they came; only the values found by <see cref="AnswerFields"/> are replaced.
/// </summary>
internal static class AnswerRewrite
{
    /// <summary>The variant's name as a JSON string value, encoded once per request.</summary>
    public static byte[] ModelValue(string variant)
    {
        var encoded = JsonEncodedText.Encode(variant).EncodedUtf8Bytes;
        return [(byte)'"', .. encoded, (byte)'"'];
    }

    public static void WriteJson(IBufferWriter<byte> output, ReadOnlySpan<byte> json, List<JsonSplice> splices, ReadOnlySpan<byte> model)
    {
        var at = 0;
        foreach (var splice in splices)
        {
            output.Write(json[at..splice.Start]);
            output.Write(splice.IsModel ? model : "null"u8);
            at = splice.Start + splice.Length;
        }

        output.Write(json[at..]);
    }

    /// <summary>
    /// One event as a client will parse it: only its data (the field that was screened; comments, ids and
    /// event names are dropped), a payload of several lines as several <c>data:</c> lines.
    /// </summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> data, List<JsonSplice> splices, ReadOnlySpan<byte> model)
    {
        output.Write("data: "u8);
        var at = 0;
        foreach (var splice in splices)
        {
            WriteLines(output, data[at..splice.Start]);
            output.Write(splice.IsModel ? model : "null"u8);
            at = splice.Start + splice.Length;
        }

        WriteLines(output, data[at..]);
        output.Write("\n\n"u8);
    }

    private static void WriteLines(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        while (true)
        {
            var end = data.IndexOf((byte)'\n');
            if (end < 0)
            {
                output.Write(data);
                return;
            }

            output.Write(data[..end]);
            output.Write("\ndata: "u8);
            data = data[(end + 1)..];
        }
    }
}
