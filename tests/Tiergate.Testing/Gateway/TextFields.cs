namespace Tiergate.Testing.Gateway;

/// <summary>
/// Chat request bodies with a text placed in one field the model reads, one per field: the routes by which
/// blocked text once reached the upstream unscreened. <see cref="Body"/> puts the text in (it must need no JSON escaping).
/// </summary>
public static class TextFields
{
    private const string Placeholder = "<<TEXT>>";

    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["content string"] = Message("""{"role":"user","content":"<<TEXT>>"}"""),
        ["content text part"] = Message("""{"role":"user","content":[{"type":"text","text":"<<TEXT>>"}]}"""),
        ["content refusal part"] = Message("""{"role":"assistant","content":[{"type":"refusal","refusal":"<<TEXT>>"}]}"""),
        ["developer message"] = Message("""{"role":"developer","content":"<<TEXT>>"}"""),
        ["message name"] = Message("""{"role":"user","content":"hi","name":"<<TEXT>>"}"""),
        ["assistant refusal"] = Message("""{"role":"assistant","content":null,"refusal":"<<TEXT>>"}"""),
        ["tool call arguments"] = Message("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"q\":\"<<TEXT>>\"}"}}]}"""),
        ["tool call name"] = Message("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"<<TEXT>>","arguments":"{}"}}]}"""),
        ["custom tool call input"] = Message("""{"role":"assistant","tool_calls":[{"id":"c1","type":"custom","custom":{"name":"f","input":"<<TEXT>>"}}]}"""),
        ["legacy function_call in a message"] = Message("""{"role":"assistant","content":null,"function_call":{"name":"f","arguments":"<<TEXT>>"}}"""),
        ["tool result"] = Message("""{"role":"tool","tool_call_id":"c1","content":"<<TEXT>>"}"""),
        ["tool result parts"] = Message("""{"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"<<TEXT>>"}]}"""),
        ["function result"] = Message("""{"role":"function","name":"f","content":"<<TEXT>>"}"""),
        ["tool description"] = Parameter("tools", """[{"type":"function","function":{"name":"f","description":"<<TEXT>>"}}]"""),
        ["tool name"] = Parameter("tools", """[{"type":"function","function":{"name":"<<TEXT>>"}}]"""),
        ["tool schema description"] = Parameter("tools", """[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"q":{"type":"string","description":"<<TEXT>>"}}}}}]"""),
        ["tool schema property name"] = Parameter("tools", """[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"<<TEXT>>":{"type":"string"}}}}}]"""),
        ["tool schema enum"] = Parameter("tools", """[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"q":{"enum":["<<TEXT>>"]}}}}}]"""),
        ["custom tool grammar"] = Parameter("tools", """[{"type":"custom","custom":{"name":"f","format":{"type":"grammar","grammar":{"syntax":"lark","definition":"<<TEXT>>"}}}}]"""),
        ["legacy functions"] = Parameter("functions", """[{"name":"f","description":"<<TEXT>>"}]"""),
        ["legacy function_call"] = Parameter("function_call", """{"name":"<<TEXT>>"}"""),
        ["tool_choice"] = Parameter("tool_choice", """{"type":"function","function":{"name":"<<TEXT>>"}}"""),
        ["response_format schema"] = Parameter("response_format", """{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","properties":{"a":{"title":"<<TEXT>>"}}}}}"""),
        ["response_format description"] = Parameter("response_format", """{"type":"json_schema","json_schema":{"name":"r","description":"<<TEXT>>"}}"""),
        ["prediction"] = Parameter("prediction", """{"type":"content","content":"<<TEXT>>"}"""),
        ["prediction parts"] = Parameter("prediction", """{"type":"content","content":[{"type":"text","text":"<<TEXT>>"}]}"""),
        ["stop string"] = Parameter("stop", "\"<<TEXT>>\""),
        ["stop array"] = Parameter("stop", """["x","<<TEXT>>"]"""),
        ["metadata value"] = Parameter("metadata", """{"k":"<<TEXT>>"}"""),
        ["metadata key"] = Parameter("metadata", """{"<<TEXT>>":"v"}"""),
        ["web_search_options"] = Parameter("web_search_options", """{"user_location":{"type":"approximate","approximate":{"city":"<<TEXT>>"}}}"""),
        // Not read by the model (or not always), but the upstream receives and may keep them: screened too.
        ["role not defined by OpenAI"] = Message("""{"role":"<<TEXT>>","content":"hi"}"""),
        ["tool_call_id"] = Message("""{"role":"tool","tool_call_id":"<<TEXT>>","content":"ok"}"""),
        ["user"] = Parameter("user", "\"<<TEXT>>\""),
        ["safety_identifier"] = Parameter("safety_identifier", "\"<<TEXT>>\""),
        ["prompt_cache_key"] = Parameter("prompt_cache_key", "\"<<TEXT>>\""),
        ["reasoning_effort"] = Parameter("reasoning_effort", "\"<<TEXT>>\""),
        ["logit_bias key"] = Parameter("logit_bias", """{"<<TEXT>>":1}"""),
        ["stream_options key"] = Parameter("stream_options", """{"include_usage":false,"<<TEXT>>":true}"""),
        ["audio voice"] = Parameter("audio", """{"voice":"<<TEXT>>","format":"wav"}"""),
        ["image url"] = Message("""{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"https://example.org/<<TEXT>>.png"}}]}"""),
        ["file name"] = Message("""{"role":"user","content":[{"type":"text","text":"hi"},{"type":"file","file":{"file_id":"file-1","filename":"<<TEXT>>"}}]}"""),
    };

    /// <summary>Vendor extensions (refused unless passed through), with text in them.</summary>
    private static readonly Dictionary<string, string> ExtensionTemplates = new(StringComparer.Ordinal)
    {
        ["chat_template"] = Parameter("chat_template", "\"<<TEXT>>\""),
        ["chat_template_kwargs"] = Parameter("chat_template_kwargs", """{"system_note":"<<TEXT>>"}"""),
        ["guided_choice"] = Parameter("guided_choice", """["yes","<<TEXT>>"]"""),
    };

    /// <summary>Every field of the API the model reads, by name.</summary>
    public static TheoryData<string> Names => [.. Templates.Keys];

    public static TheoryData<string> Extensions => [.. ExtensionTemplates.Keys];

    /// <summary>The body for <paramref name="field"/> (a field name or an extension), with <paramref name="text"/> in it, for <paramref name="model"/>.</summary>
    public static string Body(string field, string text, string model = "standard") =>
        (Templates.GetValueOrDefault(field) ?? ExtensionTemplates[field])
            .Replace(Placeholder, text, StringComparison.Ordinal)
            .Replace("<<MODEL>>", model, StringComparison.Ordinal);

    private static string Message(string message) => """{"model":"<<MODEL>>","messages":[""" + message + "]}";

    private static string Parameter(string name, string value) => """{"model":"<<MODEL>>","messages":[{"role":"user","content":"hi"}],""" + $"\"{name}\":{value}}}";
}
