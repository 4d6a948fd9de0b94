using System.Collections.Frozen;

namespace Tiergate.Core.Protocol;

/// <summary>
/// Every parameter of OpenAI's Chat Completions API (create), so the official SDKs pass unchanged.
/// Each is checked by JSON kind; those that can carry text the model reads (or that were used to smuggle
/// it: <c>stop</c>, <c>metadata</c>) are marked so. The gateway screens the strings of all of them but
/// <c>model</c>, since the upstream receives them.
/// Anything else is a vendor extension: refused unless the variant lists it in <c>upstream.pass_through</c>.
/// </summary>
public static class ChatParameters
{
    private const JsonKinds Str = JsonKinds.String | JsonKinds.Null;
    private const JsonKinds Num = JsonKinds.Number | JsonKinds.Null;
    private const JsonKinds Int = JsonKinds.Integer | JsonKinds.Null;
    private const JsonKinds Bool = JsonKinds.Boolean | JsonKinds.Null;
    private const JsonKinds Obj = JsonKinds.Object | JsonKinds.Null;
    private const JsonKinds Arr = JsonKinds.Array | JsonKinds.Null;

    public static IReadOnlyList<ChatParameter> All { get; } =
    [
        new("model", JsonKinds.String, ParameterText.None),
        new("messages", JsonKinds.Array, ParameterText.Messages),
        new("audio", Obj, ParameterText.None), // output voice and format; asks for audio out, so needs the audio modality
        new("frequency_penalty", Num, ParameterText.None),
        new("function_call", Str | JsonKinds.Object, ParameterText.AllStrings), // "auto" or {"name"}
        new("functions", Arr, ParameterText.AllStrings), // legacy tools: names, descriptions, schemas
        new("logit_bias", Obj, ParameterText.None), // token ids to numbers
        new("logprobs", Bool, ParameterText.None),
        new("max_completion_tokens", Int, ParameterText.None),
        new("max_tokens", Int, ParameterText.None),
        new("metadata", Obj, ParameterText.AllStrings),
        new("modalities", Arr, ParameterText.None), // ["text", "audio"]: audio needs the audio modality
        new("n", Int, ParameterText.None),
        new("parallel_tool_calls", Bool, ParameterText.None),
        new("prediction", Obj, ParameterText.AllStrings), // predicted output, read by the model
        new("presence_penalty", Num, ParameterText.None),
        new("prompt_cache_key", Str, ParameterText.None),
        new("prompt_cache_retention", Str, ParameterText.None),
        new("reasoning_effort", Str, ParameterText.None),
        new("response_format", Obj, ParameterText.AllStrings), // json_schema name, description, schema
        new("safety_identifier", Str, ParameterText.None),
        new("seed", Int, ParameterText.None),
        new("service_tier", Str, ParameterText.None),
        new("stop", Str | JsonKinds.Array, ParameterText.AllStrings),
        new("store", Bool, ParameterText.None),
        new("stream", Bool, ParameterText.None),
        new("stream_options", Obj, ParameterText.None),
        new("temperature", Num, ParameterText.None),
        new("tool_choice", Str | JsonKinds.Object, ParameterText.AllStrings), // "auto" or a named tool
        new("tools", Arr, ParameterText.AllStrings), // function and custom tools: names, descriptions, schemas, grammars
        new("top_logprobs", Int, ParameterText.None),
        new("top_p", Num, ParameterText.None),
        new("user", Str, ParameterText.None),
        new("verbosity", Str, ParameterText.None),
        new("web_search_options", Obj, ParameterText.AllStrings), // user_location goes to the search and the model
    ];

    private static readonly FrozenDictionary<string, ChatParameter> ByName = All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ChatParameter>.AlternateLookup<ReadOnlySpan<char>> BySpan = ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The parameter of this name, or null for anything outside the API (a vendor extension).</summary>
    public static ChatParameter? Find(string name) => ByName.GetValueOrDefault(name);

    /// <inheritdoc cref="Find(string)"/>
    public static ChatParameter? Find(ReadOnlySpan<char> name) => BySpan.TryGetValue(name, out var parameter) ? parameter : null;

    public static bool IsKnown(string name) => ByName.ContainsKey(name);
}
