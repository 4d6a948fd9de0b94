using System.Text.Json;

namespace Tiergate.Corpus.Sidecar;

/// <summary>
/// Property names of a sidecar record, one JSON object per input line, in input order:
/// <c>{"o":offset,"id":…,"v":"k|r|x","by":stage,"cat":category,"why":reason,"s":{stage:{"t":[terms],"p":score}}}</c>.
/// </summary>
public static class SidecarFields
{
    public static readonly JsonEncodedText Offset = JsonEncodedText.Encode("o");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("v");
    public static readonly JsonEncodedText RemovedBy = JsonEncodedText.Encode("by");
    public static readonly JsonEncodedText Category = JsonEncodedText.Encode("cat");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("why");
    public static readonly JsonEncodedText Stages = JsonEncodedText.Encode("s");
    public static readonly JsonEncodedText Terms = JsonEncodedText.Encode("t");
    public static readonly JsonEncodedText Score = JsonEncodedText.Encode("p");
    public static readonly JsonEncodedText Kept = JsonEncodedText.Encode("k");
    public static readonly JsonEncodedText Removed = JsonEncodedText.Encode("r");
    public static readonly JsonEncodedText Invalid = JsonEncodedText.Encode("x");
}
